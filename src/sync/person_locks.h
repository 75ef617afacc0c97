// PersonLocks: HIRE-5 with concurrent workers (issue 20). Whether a hire is
// a possible duplicate is decided by what Justworks holds for the same person
// (the same Lever contact, the same home email) when the hire reads it. Two
// workers running two opportunities of one person at the same moment would
// both read "nobody", and neither pending hire would be flagged. So a worker
// holds the person from that read until Justworks has its pending hire: the
// other worker reads after, and sees it — as one worker would have.
//
// Keys are taken all at once or not at all, and nothing else is waited for
// while they are held, so two workers cannot deadlock.
//
// Threads: any.
#pragma once

#include <condition_variable>
#include <mutex>
#include <set>
#include <string>

namespace hiresync {

class PersonLocks {
 public:
  // Keys held by one worker; released when destroyed or by release().
  class Held {
   public:
    Held() = default;
    Held(Held&& other) noexcept;
    Held& operator=(Held&& other) noexcept;
    ~Held() { release(); }
    void release();

   private:
    friend class PersonLocks;
    Held(PersonLocks* locks, std::set<std::string> keys) : locks_(locks), keys_(std::move(keys)) {}
    PersonLocks* locks_ = nullptr;
    std::set<std::string> keys_;
  };

  // Waits until no other worker holds any of `keys`, then holds them all.
  Held hold(std::set<std::string> keys);

 private:
  void release(const std::set<std::string>& keys);

  std::mutex mu_;
  std::condition_variable freed_;
  std::set<std::string> held_;
};

}  // namespace hiresync
