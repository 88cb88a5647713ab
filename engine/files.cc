// The file-system side of loading: reading files with a size cap, finding rubrics, expanding
// directories, and telling rubric files from scenario files.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "load_common.h"
#include "poise/load.h"

namespace poise {

namespace fs = std::filesystem;

Result<std::string> ReadTextFile(const std::string& path) {
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return Diagnostic{path, {}, "no such file", "check the path"};
  }
  if (fs::is_directory(status)) {
    return Diagnostic{path,
                      {},
                      "this is a directory, not a file",
                      "pass the directory as an input to read every *.yaml in it"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Diagnostic{path,
                      {},
                      fmt::format("cannot open the file: {}", std::strerror(errno)),
                      "check its permissions"};
  }
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes) {
      return Diagnostic{path,
                        {},
                        fmt::format("file is larger than the limit of {} bytes", kMaxFileBytes),
                        "poise files are small YAML documents; is this the right file?"};
    }
  }
  if (in.bad()) {
    return Diagnostic{path, {}, "cannot read the file", "check that it is a readable regular file"};
  }
  return text;
}

LoadedFile LoadAnyFile(std::string_view display_name, std::string_view text) {
  LoadedFile loaded;
  yaml::Tree tree;
  int root = ParseRoot(display_name, text, &tree, &loaded.diagnostics, FileKind::kUnknown);
  if (root < 0) return loaded;
  DocReader reader(tree, display_name, loaded.diagnostics);
  MapFields fields(reader, root);
  loaded.kind = ReadFormatTag(reader, fields, FileKind::kUnknown);
  if (loaded.kind == FileKind::kRubric) {
    loaded.diagnostics.clear();  // LoadRubric reports the file's problems itself
    Result<Rubric> rubric = LoadRubric(display_name, text);
    if (rubric.ok()) {
      loaded.rubric = std::move(rubric).value();
    } else {
      loaded.diagnostics = std::move(rubric).take_diagnostics();
    }
  } else if (loaded.kind == FileKind::kScenario) {
    loaded.diagnostics.clear();
    loaded.scenario = ParseScenario(display_name, text);
  } else if (loaded.kind == FileKind::kShocks) {
    loaded.diagnostics.clear();
    loaded.scenario = ParseShocks(display_name, text);
  }
  return loaded;
}

std::vector<std::string> RubricSearchPath() {
  std::vector<std::string> path = {"rubrics"};
  if (const char* env = std::getenv("POISE_RUBRIC_PATH")) {
    std::string_view rest(env);
    while (!rest.empty()) {
      size_t colon = rest.find(':');
      std::string_view entry = rest.substr(0, colon);
      if (!entry.empty()) path.emplace_back(entry);
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  return path;
}

std::optional<std::string> FindRubricFile(const std::string& id,
                                          const std::vector<std::string>& search_path) {
  for (const std::string& dir : search_path) {
    fs::path candidate = fs::path(dir) / (id + ".yaml");
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate.lexically_normal().string();
  }
  return std::nullopt;
}

namespace {

void CollectYaml(const fs::path& dir, bool recursive, std::vector<std::string>* files) {
  std::vector<fs::path> entries;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(it->path());
  }
  std::sort(entries.begin(), entries.end());
  for (const fs::path& entry : entries) {
    std::error_code status_ec;
    if (fs::is_directory(entry, status_ec)) {
      // Symlinked directories are not followed: a link back up the tree would loop forever.
      if (recursive && !fs::is_symlink(fs::symlink_status(entry, status_ec)))
        CollectYaml(entry, recursive, files);
    } else if (entry.extension() == ".yaml") {
      files->push_back(entry.string());
    }
  }
}

}  // namespace

std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths, bool recursive) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      CollectYaml(path, recursive, &files);
    } else {
      files.push_back(path);
    }
  }
  return files;
}

}  // namespace poise
