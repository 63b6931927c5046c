#include "engine/EventCalendar.hpp"

namespace jeugdsim::engine {

void EventCalendar::clear() {
  // Keep the capacity: a calendar is typically cleared between replications of equal size.
  heap_.clear();
  now_ = 0.0;
  next_sequence_ = 0;
}

}  // namespace jeugdsim::engine
