// Whole-model throughput: runs replications of a scenario without writing any files and prints
// events per second (single thread), time per replication, thread scaling and peak memory.
//
//   build/perf/bench/model_throughput scenarios/integrated.toml --replications 20
//   build/perf/bench/model_throughput scenarios/national.toml --replications 1
//   build/perf/bench/model_throughput scenarios/integrated.toml --replications 40 --threads 1,2
//   build/perf/bench/model_throughput scenarios/integrated.toml --set simulation.horizon_days=18250
//
// Peak RSS (getrusage ru_maxrss) is the whole process's, so measure one scenario per process.
// The last line is machine-readable (key=value), for scripts and docs/performance.md.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "care/CareSimulation.hpp"
#include "experiment/Experiment.hpp"
#include "experiment/ReplicationRunner.hpp"
#include "scenario/CareScenario.hpp"
#include "scenario/ScenarioDocument.hpp"

namespace {

using namespace jeugdsim;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string file;
  std::uint32_t replications = 10;
  std::uint32_t first = 0;
  std::vector<unsigned> threads;  // empty: single-thread loop only
  std::vector<std::string> overrides;
};

[[noreturn]] void usage(const char* message) {
  std::fprintf(stderr,
               "model_throughput: %s\n"
               "usage: model_throughput SCENARIO [--replications N] [--first R] [--threads T1,T2,...]"
               " [--set KEY=VALUE]...\n",
               message);
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(("missing value after " + a).c_str());
      return argv[++i];
    };
    if (a == "--replications" || a == "-r") {
      o.replications = static_cast<std::uint32_t>(std::stoul(value()));
    } else if (a == "--first") {
      o.first = static_cast<std::uint32_t>(std::stoul(value()));
    } else if (a == "--threads") {
      std::string list = value();
      std::size_t start = 0;
      while (start <= list.size()) {
        const std::size_t comma = list.find(',', start);
        const std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty()) o.threads.push_back(static_cast<unsigned>(std::stoul(item)));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (a == "--set") {
      o.overrides.push_back(value());
    } else if (a == "--help" || a == "-h") {
      usage("help");
    } else if (!a.empty() && a[0] == '-') {
      usage(("unknown option " + a).c_str());
    } else if (o.file.empty()) {
      o.file = a;
    } else {
      usage("more than one scenario file");
    }
  }
  if (o.file.empty()) usage("no scenario file");
  if (o.replications == 0) usage("--replications must be at least 1");
  return o;
}

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// CPU time of the calling thread: less disturbed than wall time when other processes share
// the cores (the figures in docs/performance.md give both).
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// CPU time (user + system) of the whole process, all threads.
double process_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

int run(const Options& o) {
  scenario::Diagnostics diags;
  auto doc = scenario::ScenarioDocument::load(o.file, diags);
  if (doc)
    for (const auto& kv : o.overrides) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos) usage(("--set expects KEY=VALUE, got " + kv).c_str());
      doc->apply_override(kv.substr(0, eq), kv.substr(eq + 1), diags);
    }
  std::optional<care::CareParameters> p;
  if (doc && diags.ok()) p = scenario::read_care_parameters(*doc, diags);
  if (!diags.ok() || !p) {
    std::fputs(diags.format_all().c_str(), stderr);
    return 2;
  }
  experiment::ExperimentSettings settings;
  settings.threads = 1;
  const double warmup = experiment::resolve_warmup(*p, settings, nullptr);
  const double youth = p->population.youth();
  std::printf("scenario %s: %.0f inhabitants, %.0f youth, horizon %.0f days + warm-up %.0f days\n", o.file.c_str(),
              p->population.inhabitants, youth, p->simulation.horizon_days, warmup);

  // Single thread, one replication after another, timing each (no output files).
  std::vector<double> seconds, cpu_seconds;
  std::uint64_t events = 0;
  for (std::uint32_t i = 0; i < o.replications; ++i) {
    care::RunOptions run;
    run.replication = o.first + i;
    run.warmup_days = warmup;
    const auto t0 = Clock::now();
    const double c0 = thread_cpu_seconds();
    care::CareSimulation sim(*p, run);
    const care::ReplicationResult r = sim.run();
    cpu_seconds.push_back(thread_cpu_seconds() - c0);
    seconds.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
    events += r.events;
  }
  double total = 0, total_cpu = 0;
  for (double s : seconds) total += s;
  for (double s : cpu_seconds) total_cpu += s;
  const double eps = static_cast<double>(events) / total;
  const double eps_cpu = static_cast<double>(events) / total_cpu;
  // The rate of a typical replication: mean events over the median CPU time. The whole-run
  // rates above also count the first replication, slower with cold caches and fresh pages.
  const double eps_median = static_cast<double>(events) / o.replications / median(cpu_seconds);
  const double rss_single = peak_rss_mib();
  std::printf("single thread: %u replications, %.4g events each, %.4g s in total\n", o.replications,
              static_cast<double>(events) / o.replications, total);
  std::printf("  events per second: %.4g million (wall), %.4g million (thread CPU time)\n", eps / 1e6,
              eps_cpu / 1e6);
  std::printf("  CPU seconds per replication: min %.4g, median %.4g (%.4g million events/s at the median)\n",
              *std::min_element(cpu_seconds.begin(), cpu_seconds.end()), median(cpu_seconds), eps_median / 1e6);
  std::printf("  seconds per replication: min %.4g, median %.4g, max %.4g\n",
              *std::min_element(seconds.begin(), seconds.end()), median(seconds),
              *std::max_element(seconds.begin(), seconds.end()));
  std::printf("  peak RSS: %.1f MiB\n", rss_single);

  // Thread scaling through the experiment layer's pool (the same code `jeugdsim run` uses).
  std::string scaling;
  double base_wall = 0;
  for (unsigned t : o.threads) {
    experiment::RunnerOptions ro;
    ro.range = {o.first, o.replications};
    ro.threads = t;
    ro.warmup_days = warmup;
    const auto t0 = Clock::now();
    const double c0 = process_cpu_seconds();
    const auto out = experiment::run_replications(*p, ro);
    const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cpu = process_cpu_seconds() - c0;
    std::uint64_t ev = 0;
    for (const auto& r : out.results) ev += r.events;
    if (base_wall == 0) base_wall = wall;
    // cores busy = CPU time / wall time: below the thread count when other processes share the
    // cores, which caps the speed-up whatever the program does.
    std::printf("threads %u: %.4g s wall, %.4g million events/s, speed-up %.3f x over %u thread%s; "
                "%.4g CPU s, cores busy %.2f, million events per CPU second %.4g\n",
                t, wall, static_cast<double>(ev) / wall / 1e6, base_wall / wall, o.threads.front(),
                o.threads.front() == 1 ? "" : "s", cpu, cpu / wall, static_cast<double>(ev) / cpu / 1e6);
    scaling += " wall_s_threads_" + std::to_string(t) + "=" + std::to_string(wall);
  }
  std::printf("RESULT scenario=%s youth=%.0f replications=%u events_per_replication=%.0f events_per_s=%.0f events_per_cpu_s=%.0f "
              "events_per_cpu_s_median_replication=%.0f s_per_replication_median=%.6g peak_rss_mib=%.1f events=%llu%s\n",
              o.file.c_str(), youth, o.replications, static_cast<double>(events) / o.replications, eps,
              eps_cpu, eps_median, median(seconds), peak_rss_mib(), static_cast<unsigned long long>(events),
              scaling.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "model_throughput: error: %s\n", e.what());
    return 1;
  }
}
