#include "load_common.h"

#include <fmt/format.h>

#include <algorithm>

#include "text.h"

namespace poise {

void DocReader::Error(SourceMark mark, std::string message, std::string hint) {
  problems_.push_back({file_, mark, std::move(message), std::move(hint)});
}

std::string_view DocReader::Describe(const yaml::Node& node) {
  switch (node.kind) {
    case yaml::Kind::kNull:
      return "nothing (~)";
    case yaml::Kind::kScalar:
      return node.quoted ? "quoted text" : "text";
    case yaml::Kind::kSequence:
      return "a list";
    case yaml::Kind::kMap:
      return "a map";
  }
  return "something else";
}

bool DocReader::ExpectMap(int index, std::string_view what) {
  const yaml::Node& n = node(index);
  if (n.kind == yaml::Kind::kMap) return true;
  Error(n.mark, fmt::format("{} must be a map of `key: value` entries, not {}", what, Describe(n)),
        "indent the entries under it, one `key: value` per line");
  return false;
}

bool DocReader::ExpectList(int index, std::string_view what) {
  const yaml::Node& n = node(index);
  if (n.kind == yaml::Kind::kSequence) return true;
  Error(n.mark, fmt::format("{} must be a list, not {}", what, Describe(n)),
        "write one `- item` per line, or [a, b] on one line");
  return false;
}

std::optional<std::string> DocReader::Text(int index, std::string_view what) {
  const yaml::Node& n = node(index);
  if (n.kind == yaml::Kind::kScalar && !n.text.empty()) return n.text;
  if (n.kind == yaml::Kind::kNull || n.kind == yaml::Kind::kScalar) {
    Error(n.mark, fmt::format("{} is empty", what), "write a value after the colon");
  } else {
    Error(n.mark, fmt::format("{} must be text, not {}", what, Describe(n)),
          "quote the text if it contains ':' or starts with '[' or '{'");
  }
  return std::nullopt;
}

std::optional<double> DocReader::Number(int index, std::string_view what) {
  const yaml::Node& n = node(index);
  if (n.kind != yaml::Kind::kScalar) {
    Error(n.mark, fmt::format("{} must be a number, not {}", what, Describe(n)));
    return std::nullopt;
  }
  double value = 0;
  NumberStatus status = ParseNumber(n.text, &value);
  if (status == NumberStatus::kNonFinite) {
    Error(n.mark, fmt::format("{} is '{}', not a finite number", what, n.text),
          "use an ordinary number; infinities and NaN cannot be scored");
    return std::nullopt;
  }
  if (status != NumberStatus::kOk) {
    Error(n.mark, fmt::format("{} must be a number, not '{}'", what, n.text),
          "write digits such as 3 or 0.5");
    return std::nullopt;
  }
  if (n.quoted) {
    Error(n.mark, fmt::format("{} is the quoted text \"{}\", not a number", what, n.text),
          "remove the quotes");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> DocReader::Bool(int index, std::string_view what) {
  const yaml::Node& n = node(index);
  if (n.kind == yaml::Kind::kScalar && !n.quoted) {
    if (n.text == "true" || n.text == "True" || n.text == "TRUE") return true;
    if (n.text == "false" || n.text == "False" || n.text == "FALSE") return false;
  }
  Error(n.mark,
        fmt::format("{} must be true or false, not {}", what,
                    n.kind == yaml::Kind::kScalar ? "'" + n.text + "'" : std::string(Describe(n))));
  return std::nullopt;
}

std::optional<std::string> DocReader::Id(int index, std::string_view what) {
  std::optional<std::string> text = Text(index, what);
  if (!text) return std::nullopt;
  if (!IsValidId(*text)) {
    Error(node(index).mark, fmt::format("{} '{}' is not a valid id", what, *text),
          "use lowercase letters, digits, '_' and '-', starting with a letter or digit");
    return std::nullopt;
  }
  return text;
}

MapFields::MapFields(DocReader& reader, int index) : reader_(reader) {
  const yaml::Node& map = reader.node(index);
  mark_ = map.mark;
  for (size_t i = 0; i + 1 < map.items.size(); i += 2) {
    const yaml::Node& key = reader.node(map.items[i]);
    fields_.push_back(
        {key.kind == yaml::Kind::kNull ? std::string("~") : key.text, key.mark, map.items[i + 1]});
  }
}

void MapFields::CheckKnown(std::initializer_list<std::string_view> known, std::string_view where) {
  std::vector<std::string> names(known.begin(), known.end());
  for (const Field& field : fields_) {
    if (std::find(names.begin(), names.end(), field.key) != names.end()) continue;
    reader_.Error(field.key_mark, fmt::format("unknown key '{}' in {}", field.key, where),
                  DidYouMean(field.key, names,
                             fmt::format("the keys of {} are: {}", where, Join(names, ", "))));
  }
}

const Field* MapFields::Find(std::string_view key) const {
  for (const Field& field : fields_) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

const Field* MapFields::Require(std::string_view key, std::string_view where, std::string hint) {
  const Field* field = Find(key);
  if (field == nullptr) {
    reader_.Error(mark_, fmt::format("missing required key '{}' in {}", key, where),
                  hint.empty() ? fmt::format("add `{}: ...`", key) : std::move(hint));
  }
  return field;
}

FileKind ReadFormatTag(DocReader& reader, const MapFields& root, FileKind expected) {
  const std::string add_tag =
      expected == FileKind::kScenario ? "add `poise: scenario/1` as the first line"
      : expected == FileKind::kShocks ? "add `poise: shocks/1` as the first line"
      : expected == FileKind::kRubric
          ? "add `poise: rubric/1` as the first line"
          : "add `poise: rubric/1` or `poise: scenario/1` as the first line";
  const Field* tag = root.Find("poise");
  if (tag == nullptr) {
    reader.Error(root.mark(), "missing the `poise:` format tag", add_tag);
    return FileKind::kUnknown;
  }
  const yaml::Node& value = reader.node(tag->value);
  if (value.kind != yaml::Kind::kScalar) {
    reader.Error(value.mark, "the `poise:` format tag must be text such as rubric/1", add_tag);
    return FileKind::kUnknown;
  }
  FileKind kind = FileKind::kUnknown;
  if (value.text == "rubric/1") kind = FileKind::kRubric;
  if (value.text == "scenario/1") kind = FileKind::kScenario;
  if (value.text == "shocks/1") kind = FileKind::kShocks;
  if (kind == FileKind::kUnknown) {
    std::string hint = DidYouMean(value.text, {"rubric/1", "scenario/1", "shocks/1"},
                                  "this poise reads rubric/1, scenario/1 and shocks/1 files");
    reader.Error(value.mark, fmt::format("unknown format tag 'poise: {}'", value.text), hint);
    return FileKind::kUnknown;
  }
  if (expected != FileKind::kUnknown && kind != expected) {
    if (expected == FileKind::kShocks) {
      reader.Error(value.mark,
                   fmt::format("this file is a {}, not a shocks file",
                               kind == FileKind::kRubric ? "rubric" : "scenario"),
                   "--shock takes a file whose first line is `poise: shocks/1`");
    } else if (kind == FileKind::kShocks) {
      reader.Error(value.mark,
                   fmt::format("this file is a shocks file, not a {}",
                               expected == FileKind::kScenario ? "scenario" : "rubric"),
                   "pass shocks files to `poise stress --shock FILE`");
    } else if (expected == FileKind::kScenario) {
      reader.Error(value.mark, "this file is a rubric, not a scenario",
                   "pass rubrics with --rubric, or check them with `poise validate`");
    } else {
      reader.Error(value.mark, "this file is a scenario, not a rubric",
                   "pass the rubric file, whose first line is `poise: rubric/1`");
    }
    return FileKind::kUnknown;
  }
  return kind;
}

int ParseRoot(std::string_view display_name, std::string_view text, yaml::Tree* tree,
              Diagnostics* problems, FileKind expected) {
  yaml::ParseResult parsed = yaml::Parse(display_name, text);
  *tree = std::move(parsed.tree);
  *problems = std::move(parsed.problems);
  if (!parsed.usable) return -1;
  const std::string start = expected == FileKind::kScenario ? "`poise: scenario/1`"
                            : expected == FileKind::kShocks ? "`poise: shocks/1`"
                            : expected == FileKind::kRubric
                                ? "`poise: rubric/1`"
                                : "`poise: rubric/1` or `poise: scenario/1`";
  if (tree->root < 0 || tree->at(tree->root).kind == yaml::Kind::kNull) {
    bool blank = true;
    bool comment = false;
    for (char c : text) {
      if (c == '#') comment = true;
      if (c == '\n') comment = false;
      if (!comment && c != ' ' && c != '\t' && c != '\r' && c != '\n') blank = false;
    }
    problems->push_back({std::string(display_name),
                         {},
                         blank ? "the file is empty" : "the file holds no YAML data",
                         fmt::format("a poise file is a YAML map starting with {}", start)});
    return -1;
  }
  const yaml::Node& root = tree->at(tree->root);
  if (root.kind != yaml::Kind::kMap) {
    problems->push_back({std::string(display_name), root.mark,
                         fmt::format("the file must be a YAML map of `key: value` entries, not {}",
                                     DocReader::Describe(root)),
                         fmt::format("a poise file starts with {}", start)});
    return -1;
  }
  return tree->root;
}

}  // namespace poise
