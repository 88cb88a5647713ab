// A small read-only YAML tree built from yaml-cpp's event API. Compared with YAML::Node it is
// compact, keeps 1-based marks on every node, reports duplicate keys (yaml-cpp 0.7 keeps them
// silently), and enforces poise's limits on nesting, aliases and node count while parsing.
// Only this file and yaml_tree.cc include yaml-cpp.
#ifndef POISE_ENGINE_YAML_TREE_H_
#define POISE_ENGINE_YAML_TREE_H_

#include <string>
#include <string_view>
#include <vector>

#include "poise/diagnostics.h"

namespace poise::yaml {

enum class Kind : unsigned char { kNull, kScalar, kSequence, kMap };

struct Node {
  Kind kind = Kind::kNull;
  bool quoted = false;  // a quoted scalar, or one tagged !!str: text, never a number
  SourceMark mark;
  std::string text;        // scalars
  std::vector<int> items;  // sequences: elements; maps: key, value, key, value, ...
};

// An alias (*x) refers to the same node index as its anchor, so the tree is a DAG (cycles are
// possible: `&x [*x]`). Walk it following a schema, never recursively over everything.
struct Tree {
  std::vector<Node> nodes;
  int root = -1;  // -1: the file holds no document
  const Node& at(int index) const { return nodes[static_cast<size_t>(index)]; }
};

// Parses one YAML document. Syntax errors, limits, invalid UTF-8 and a second document are
// reported in `problems` (then `usable` is false); duplicate and non-text keys are reported too but
// leave the tree usable (the first occurrence of a duplicated key is kept in `items`; later ones
// are dropped).
struct ParseResult {
  Tree tree;
  Diagnostics problems;
  bool usable = false;
};
ParseResult Parse(std::string_view display_name, std::string_view text);

}  // namespace poise::yaml

#endif  // POISE_ENGINE_YAML_TREE_H_
