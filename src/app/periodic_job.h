// Runs a job on a background thread every `interval_seconds` (first at once) until stopped
// or destroyed. A job that throws is logged and run again at the next tick: the database may
// be away for a while.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include <spdlog/spdlog.h>

namespace coopole::app {

class PeriodicJob {
 public:
  PeriodicJob(std::string name, int interval_seconds, std::function<void()> job)
      : name_(std::move(name)), interval_seconds_(interval_seconds), job_(std::move(job)) {
    thread_ = std::thread([this] { Run(); });
  }
  ~PeriodicJob() {
    stop_ = true;
    thread_.join();
  }
  PeriodicJob(const PeriodicJob&) = delete;
  PeriodicJob& operator=(const PeriodicJob&) = delete;

 private:
  void Run() {
    while (!stop_) {
      try {
        job_();
      } catch (const std::exception& e) {
        spdlog::error("{}: {}", name_, e.what());
      }
      for (int i = 0; i < interval_seconds_ * 10 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  std::string name_;
  int interval_seconds_;
  std::function<void()> job_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace coopole::app
