#pragma once
#include <cstddef>
#include <vector>

namespace jeugdsim::engine {

// FIFO on a growable ring buffer: no allocation once it has reached its peak size (std::deque
// allocates and frees blocks as it moves). Used for intake and provider queues.
template <class T>
class RingQueue {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  const T& front() const { return items_[head_]; }
  void push_back(const T& value) {
    if (size_ == items_.size()) grow();
    items_[(head_ + size_) % items_.size()] = value;
    ++size_;
  }
  void pop_front() {
    head_ = (head_ + 1) % items_.size();
    --size_;
  }
  void clear() { head_ = size_ = 0; }

 private:
  void grow() {
    std::vector<T> bigger(items_.empty() ? 16 : items_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = items_[(head_ + i) % items_.size()];
    items_.swap(bigger);
    head_ = 0;
  }
  std::vector<T> items_;
  std::size_t head_ = 0, size_ = 0;
};

}  // namespace jeugdsim::engine
