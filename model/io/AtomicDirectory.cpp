#include "io/AtomicDirectory.hpp"

#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

#include <unistd.h>

namespace jeugdsim::io {

namespace fs = std::filesystem;

AtomicDirectory::AtomicDirectory(fs::path target) : target_(std::move(target)) {
  if (target_.filename().empty()) target_ = target_.parent_path();
  if (fs::exists(target_))
    throw OutputExistsError("output folder " + target_.string() + " already exists; choose another --out");
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw std::runtime_error("cannot create " + parent.string() + ": " + ec.message());
  // Built with append: GCC 12 warns falsely (-Wrestrict) on a chain of operator+ here.
  std::string hidden(".");
  hidden.append(target_.filename().string()).append(".incomplete-").append(std::to_string(::getpid()));
  temp_ = parent / hidden;
  fs::remove_all(temp_, ec);
  fs::create_directory(temp_, ec);
  if (ec) throw std::runtime_error("cannot create " + temp_.string() + ": " + ec.message());
}

AtomicDirectory::AtomicDirectory(fs::path target, const fs::path& incomplete) : target_(std::move(target)) {
  if (target_.filename().empty()) target_ = target_.parent_path();
  if (fs::exists(target_))
    throw OutputExistsError("output folder " + target_.string() + " already exists; nothing to resume");
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  std::string hidden(".");
  hidden.append(target_.filename().string()).append(".incomplete-").append(std::to_string(::getpid()));
  temp_ = parent / hidden;
  if (fs::absolute(incomplete).lexically_normal() != fs::absolute(temp_).lexically_normal()) {
    std::error_code ec;
    fs::rename(incomplete, temp_, ec);
    if (ec) throw std::runtime_error("cannot take over " + incomplete.string() + ": " + ec.message());
  }
}

AtomicDirectory::~AtomicDirectory() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(temp_, ec);
  }
}

void AtomicDirectory::commit() {
  std::error_code ec;
  fs::rename(temp_, target_, ec);
  if (ec) throw std::runtime_error("cannot move results into " + target_.string() + ": " + ec.message());
  committed_ = true;
}

void write_text_file(const fs::path& file, const std::string& content) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

void write_file_atomically(const fs::path& file, const std::string& content) {
  const fs::path temp = file.string() + ".incomplete-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + temp.string());
    out << content;
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + temp.string());
  }
  std::error_code ec;
  fs::rename(temp, file, ec);
  if (ec) throw std::runtime_error("cannot write " + file.string() + ": " + ec.message());
}

}  // namespace jeugdsim::io
