// Progress reporting and cancellation shared by every long engine job.
// The engine never knows who listens: the CLI prints, the GUI forwards to signals.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace il {

struct Progress {
  int64_t done = 0;
  int64_t total = 0;  // 0 when unknown
  std::string phase;
};

class JobControl {
 public:
  using Listener = std::function<void(const Progress&)>;

  JobControl() = default;
  explicit JobControl(Listener listener) : listener_(std::move(listener)) {}

  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }
  void report(const Progress& p) const {
    if (listener_) listener_(p);
  }

 private:
  std::atomic<bool> cancelled_{false};
  Listener listener_;
};

// Thrown by engine code when a JobControl was cancelled; callers roll back.
struct Cancelled {};

}  // namespace il
