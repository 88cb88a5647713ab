// Helpers for walking a yaml::Tree against poise's schemas: typed reads that report located
// errors, map field access with unknown-key "did you mean", and the `poise:` format tag.
#ifndef POISE_ENGINE_LOAD_COMMON_H_
#define POISE_ENGINE_LOAD_COMMON_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "poise/diagnostics.h"
#include "poise/load.h"
#include "yaml_tree.h"

namespace poise {

// Typed access to the nodes of one file; every failed read adds a located diagnostic.
class DocReader {
 public:
  DocReader(const yaml::Tree& tree, std::string_view file, Diagnostics& problems)
      : tree_(tree), file_(file), problems_(problems) {}

  const yaml::Node& node(int index) const { return tree_.at(index); }
  const std::string& file() const { return file_; }
  size_t problem_count() const { return problems_.size(); }

  void Error(SourceMark mark, std::string message, std::string hint = "");

  // "a map", "a list", "text", "nothing (~)", for messages.
  static std::string_view Describe(const yaml::Node& node);

  // Each returns false / nullopt after reporting "<what> must be ..." at the node.
  bool ExpectMap(int index, std::string_view what);
  bool ExpectList(int index, std::string_view what);
  std::optional<std::string> Text(int index, std::string_view what);  // non-empty scalar
  std::optional<double> Number(int index, std::string_view what);     // finite, unquoted
  std::optional<bool> Bool(int index, std::string_view what);
  std::optional<std::string> Id(int index, std::string_view what);  // [a-z0-9][a-z0-9_-]*

 private:
  const yaml::Tree& tree_;
  std::string file_;
  Diagnostics& problems_;
};

// One `key: value` of a map.
struct Field {
  std::string key;
  SourceMark key_mark;
  int value = -1;
};

// The fields of one map node, in file order (duplicates already reported and dropped).
class MapFields {
 public:
  // REQUIRES: the node at `index` is a map.
  MapFields(DocReader& reader, int index);

  // Reports every key that is not in `known`, with a "did you mean" when one is close.
  void CheckKnown(std::initializer_list<std::string_view> known, std::string_view where);
  const Field* Find(std::string_view key) const;
  // Find, reporting "missing required key '<key>' in <where>" at the map when absent.
  const Field* Require(std::string_view key, std::string_view where, std::string hint = "");
  const std::vector<Field>& fields() const { return fields_; }
  SourceMark mark() const { return mark_; }

 private:
  DocReader& reader_;
  std::vector<Field> fields_;
  SourceMark mark_;
};

// Reads the `poise:` tag of the root map. Reports a missing or unknown tag, or a tag naming
// another kind than `expected` (kUnknown: accept any kind).
FileKind ReadFormatTag(DocReader& reader, const MapFields& root, FileKind expected);

// Parses the text and checks that its root is a map. Returns the root index, or -1 after
// reporting why the file cannot be read as a poise document.
int ParseRoot(std::string_view display_name, std::string_view text, yaml::Tree* tree,
              Diagnostics* problems, FileKind expected);

}  // namespace poise

#endif  // POISE_ENGINE_LOAD_COMMON_H_
