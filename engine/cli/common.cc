#include "cli/common.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace poise::cli {

namespace fs = std::filesystem;

void PrintDiagnostics(const Diagnostics& diagnostics, std::ostream& err) {
  for (const Diagnostic& d : diagnostics) err << FormatDiagnostic(d) << '\n';
}

RubricCache::RubricCache(std::optional<std::string> forced_path)
    : forced_path_(std::move(forced_path)), search_path_(RubricSearchPath()) {}

const Model* RubricCache::Load(const std::string& path, Diagnostics* errors) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = by_path_.find(path);
  if (found == by_path_.end()) {
    Entry entry;
    Result<std::string> text = ReadTextFile(path);
    if (!text.ok()) {
      entry.errors = text.diagnostics();
    } else {
      Result<Rubric> rubric = LoadRubric(path, text.value());
      if (!rubric.ok()) {
        entry.errors = rubric.diagnostics();
      } else {
        Result<Model> model =
            CompileModel(std::make_shared<const Rubric>(std::move(rubric).value()));
        if (model.ok()) {
          entry.model = std::make_unique<Model>(std::move(model).value());
          order_.push_back(entry.model.get());
        } else {
          entry.errors = model.diagnostics();
        }
      }
    }
    found = by_path_.emplace(path, std::move(entry)).first;
  }
  if (!found->second.model) {
    errors->insert(errors->end(), found->second.errors.begin(), found->second.errors.end());
  }
  return found->second.model.get();
}

const Model* RubricCache::Resolve(const ScenarioDraft& draft, Diagnostics* errors) {
  if (forced_path_) return Load(*forced_path_, errors);
  if (draft.rubric.id.empty()) return nullptr;  // the draft already reports why
  std::optional<std::string> path = FindRubricFile(draft.rubric.id, search_path_);
  if (!path) {
    std::vector<std::string> dirs;
    for (const std::string& dir : search_path_) dirs.push_back(dir + "/");
    errors->push_back({draft.file, draft.rubric.mark,
                       fmt::format("rubric '{}' not found (looked for {}.yaml in {})",
                                   draft.rubric.id, draft.rubric.id, fmt::join(dirs, ", ")),
                       "pass --rubric FILE, or add its directory to $POISE_RUBRIC_PATH"});
    return nullptr;
  }
  return Load(*path, errors);
}

std::vector<const Model*> RubricCache::models() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return order_;
}

Output::Output(std::string path) : path_(std::move(path)) {
  if (path_ == "-") path_.clear();
}

Output::~Output() {
  if (!temp_path_.empty() && !committed_) {
    file_.close();
    std::remove(temp_path_.c_str());
  }
}

bool Output::Open(std::string* error) {
  if (path_.empty()) return true;
  std::error_code ec;
  if (fs::is_directory(path_, ec)) {
    *error = fmt::format("--output {}: is a directory", path_);
    return false;
  }
  // Only a regular file (or a new one) is replaced atomically. Anything else that exists — a
  // device such as /dev/stdout or /dev/full, a FIFO, a symlink to one — is written in place:
  // renaming over it would replace the device or link itself.
  const fs::file_status link_status = fs::symlink_status(path_, ec);
  const fs::file_status target_status = fs::status(path_, ec);
  if (fs::exists(link_status) && !fs::is_regular_file(target_status)) {
    file_.open(path_, std::ios::binary | std::ios::trunc);
    if (!file_) {
      *error = fmt::format("--output {}: cannot write: {}", path_, std::strerror(errno));
      return false;
    }
    direct_ = true;
    return true;
  }
  // A symlink to a regular file: replace the file it points to, not the link.
  if (fs::is_symlink(link_status)) {
    const fs::path resolved = fs::canonical(path_, ec);
    if (!ec) path_ = resolved.string();
  }
  fs::path target(path_);
  std::string temp_name = ".";  // appended piecewise: GCC 12 warns falsely on "." + std::string
  temp_name += target.filename().string();
  temp_name += ".tmp.XXXXXX";
  const std::string pattern =
      ((target.parent_path().empty() ? fs::path(".") : target.parent_path()) / temp_name).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) {
    *error = fmt::format("--output {}: cannot create a file in {}: {}", path_,
                         target.parent_path().empty() ? "." : target.parent_path().string(),
                         std::strerror(errno));
    return false;
  }
  close(fd);
  temp_path_ = name.data();
  file_.open(temp_path_, std::ios::binary | std::ios::trunc);
  if (!file_) {
    *error = fmt::format("--output {}: cannot write: {}", path_, std::strerror(errno));
    return false;
  }
  return true;
}

std::ostream& Output::stream() {
  return path_.empty() ? std::cout : static_cast<std::ostream&>(file_);
}

bool Output::Commit(std::string* error) {
  if (path_.empty()) {
    std::cout.flush();
    if (!std::cout) {
      *error =
          "cannot write to standard output (was it closed early, or is the disk full?); "
          "the report is incomplete";
      return false;
    }
    return true;
  }
  file_.flush();
  const bool written = static_cast<bool>(file_);
  file_.close();
  if (!written || file_.fail()) {
    *error = fmt::format("--output {}: writing failed (disk full?)", path_);
    return false;
  }
  if (direct_) {
    committed_ = true;
    return true;
  }
  // Keep the usual permissions of a new file (mkstemp creates it 0600).
  const mode_t mask = umask(0);
  umask(mask);
  std::error_code ignored;  // the file is complete either way; permissions are a courtesy
  fs::permissions(temp_path_, static_cast<fs::perms>(0666 & ~mask), ignored);
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    *error = fmt::format("--output {}: cannot move the finished file into place: {}", path_,
                         std::strerror(errno));
    return false;
  }
  committed_ = true;
  return true;
}

}  // namespace poise::cli
