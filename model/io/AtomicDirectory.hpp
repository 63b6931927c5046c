#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>

namespace jeugdsim::io {

// Thrown when the result folder to create already exists: bad input (exit code 2), not a
// failure while running.
class OutputExistsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A result folder that appears complete or not at all: files are written into a hidden
// sibling ".NAME.incomplete-PID" and the folder is renamed into place by commit(). If the
// process fails before commit(), the destructor removes the temporary folder; if it is killed,
// only the hidden temporary folder is left, never a half-written result under the real name.
class AtomicDirectory {
 public:
  // Fails (OutputExistsError) if `target` already exists, so a run never overwrites results.
  explicit AtomicDirectory(std::filesystem::path target);
  // Takes over `incomplete`, the hidden temporary folder of an earlier, interrupted run of the
  // same target (jeugdsim run --resume): it is renamed to this process's hidden name and its
  // contents are kept. Fails (OutputExistsError) if `target` already exists.
  AtomicDirectory(std::filesystem::path target, const std::filesystem::path& incomplete);
  ~AtomicDirectory();
  AtomicDirectory(const AtomicDirectory&) = delete;
  AtomicDirectory& operator=(const AtomicDirectory&) = delete;

  const std::filesystem::path& path() const { return temp_; }      // where to write now
  const std::filesystem::path& target() const { return target_; }  // where it will appear
  void commit();

 private:
  std::filesystem::path target_, temp_;
  bool committed_ = false;
};

// Writes `content` to `file` (created or truncated), throwing std::runtime_error naming the file
// if it cannot be written completely. Inside an AtomicDirectory this is all a result file needs.
void write_text_file(const std::filesystem::path& file, const std::string& content);

// Writes `content` to `file` through a temporary file and a rename (never half-written).
void write_file_atomically(const std::filesystem::path& file, const std::string& content);

}  // namespace jeugdsim::io
