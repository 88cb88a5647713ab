#include "yaml_tree.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <new>
#include <optional>
#include <sstream>
#include <string_view>

#include "poise/load.h"
#include "text.h"

namespace poise::yaml {
namespace {

SourceMark ToMark(const YAML::Mark& mark) { return {mark.line + 1, mark.column + 1}; }

// Thrown from inside the event handler to stop the parser at a limit; caught in Parse.
struct LimitExceeded {
  SourceMark mark;
  std::string message;
  std::string hint;
};

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(Tree& tree, Diagnostics& problems, std::string_view file)
      : tree_(tree), problems_(problems), file_(file) {}

  const YAML::Mark& last_mark() const { return last_mark_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Add(NewNode(Kind::kNull, mark), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    last_mark_ = mark;
    if (++aliases_ > kMaxAliases) {
      throw LimitExceeded{ToMark(mark), fmt::format("more than {} aliases", kMaxAliases),
                          "poise files need few aliases (*name); write the values out"};
    }
    int target = anchor < anchors_.size() ? anchors_[anchor] : -1;
    if (target < 0) {
      throw LimitExceeded{ToMark(mark), "alias to an unknown anchor", "define &name before *name"};
    }
    // A shallow copy (children are shared indices) that carries the alias's own position, so
    // errors point where *name is used. Bounded by kMaxAliases.
    Node copy = tree_.at(target);
    copy.mark = ToMark(mark);
    if (static_cast<int>(tree_.nodes.size()) >= kMaxNodes) {
      throw LimitExceeded{ToMark(mark), fmt::format("more than {} YAML nodes", kMaxNodes),
                          "split the file; poise files are far smaller"};
    }
    tree_.nodes.push_back(std::move(copy));
    Attach(static_cast<int>(tree_.nodes.size()) - 1);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    int index = NewNode(Kind::kScalar, mark);
    Node& node = tree_.nodes.back();
    node.text = value;
    node.quoted = tag == "!" || tag == "tag:yaml.org,2002:str";
    Add(index, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(NewNode(Kind::kSequence, mark), anchor, mark);
  }
  void OnSequenceEnd() override { stack_.pop_back(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(NewNode(Kind::kMap, mark), anchor, mark);
  }
  void OnMapEnd() override {
    CheckKeys(stack_.back());
    stack_.pop_back();
  }

 private:
  int NewNode(Kind kind, const YAML::Mark& mark) {
    last_mark_ = mark;
    if (static_cast<int>(tree_.nodes.size()) >= kMaxNodes) {
      throw LimitExceeded{ToMark(mark), fmt::format("more than {} YAML nodes", kMaxNodes),
                          "split the file; poise files are far smaller"};
    }
    Node node;
    node.kind = kind;
    node.mark = ToMark(mark);
    tree_.nodes.push_back(std::move(node));
    return static_cast<int>(tree_.nodes.size()) - 1;
  }

  void Add(int index, YAML::anchor_t anchor) {
    Remember(index, anchor);
    Attach(index);
  }

  void Open(int index, YAML::anchor_t anchor, const YAML::Mark& mark) {
    Add(index, anchor);
    if (static_cast<int>(stack_.size()) >= kMaxNestingDepth) {
      throw LimitExceeded{ToMark(mark),
                          fmt::format("nesting deeper than {} levels", kMaxNestingDepth),
                          "poise files nest a few levels at most; check the indentation"};
    }
    stack_.push_back(index);
  }

  void Remember(int index, YAML::anchor_t anchor) {
    if (anchor == YAML::NullAnchor) return;
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1, -1);
    anchors_[anchor] = index;
  }

  void Attach(int index) {
    if (stack_.empty()) {
      if (tree_.root < 0) tree_.root = index;
      return;
    }
    tree_.nodes[static_cast<size_t>(stack_.back())].items.push_back(index);
  }

  // Reports duplicate and non-text keys of a finished map; drops the later duplicates.
  void CheckKeys(int map_index) {
    std::vector<int>& items = tree_.nodes[static_cast<size_t>(map_index)].items;
    std::vector<std::pair<std::string_view, size_t>> seen;  // key text -> position in items
    std::vector<int> kept;
    kept.reserve(items.size());
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
      const Node& key = tree_.at(items[i]);
      if (key.kind == Kind::kSequence || key.kind == Kind::kMap) {
        problems_.push_back({std::string(file_), key.mark, "a key must be plain text",
                             "write `name: value`; complex keys are not used by poise"});
        continue;
      }
      std::string_view text = key.kind == Kind::kNull ? std::string_view("~") : key.text;
      auto previous = std::find_if(seen.begin(), seen.end(),
                                   [&](const auto& entry) { return entry.first == text; });
      if (previous != seen.end()) {
        const Node& first = tree_.at(items[previous->second]);
        problems_.push_back({std::string(file_), key.mark,
                             fmt::format("duplicate key '{}' (first at {}:{})", text,
                                         first.mark.line, first.mark.column),
                             "remove one of them; YAML keeps only one value per key"});
        continue;
      }
      seen.emplace_back(text, i);
      kept.push_back(items[i]);
      kept.push_back(items[i + 1]);
    }
    items = std::move(kept);
  }

  Tree& tree_;
  Diagnostics& problems_;
  std::string_view file_;
  std::vector<int> stack_;
  std::vector<int> anchors_;
  int aliases_ = 0;
  YAML::Mark last_mark_ = YAML::Mark::null_mark();
};

// Sees whether the stream holds another document, stopping at its first event.
class SecondDocumentProbe : public YAML::EventHandler {
 public:
  struct Found {
    YAML::Mark mark;
  };
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { throw Found{mark}; }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    throw Found{mark};
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    throw Found{mark};
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    throw Found{mark};
  }
  void OnMapEnd() override {}
};

// The first tab in a line's indentation at or before `line` (1-based), if any: YAML indents with
// spaces only, and yaml-cpp's own message for a tab ("illegal map value") does not say so.
std::optional<SourceMark> TabIndentation(std::string_view text, int line) {
  int current = 1;
  size_t start = 0;
  while (start < text.size() && current <= line) {
    for (size_t i = start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i) {
      if (text[i] == '\t') return SourceMark{current, static_cast<int>(i - start) + 1};
    }
    const size_t end = text.find('\n', start);
    if (end == std::string_view::npos) break;
    start = end + 1;
    ++current;
  }
  return std::nullopt;
}

std::string SyntaxMessage(const std::string& message) {
  if (message.empty()) return "invalid YAML";
  std::string text = message;
  if (!text.empty() && text.back() == '.') text.pop_back();
  return "invalid YAML: " + text;
}

}  // namespace

ParseResult Parse(std::string_view display_name, std::string_view text) {
  ParseResult result;
  const std::string file(display_name);
  auto fail = [&](SourceMark mark, std::string message, std::string hint) {
    result.problems.push_back({file, mark, std::move(message), std::move(hint)});
    result.usable = false;
    return std::move(result);
  };
  if (text.size() > kMaxFileBytes) {
    return fail({},
                fmt::format("file is {} bytes, more than the limit of {} bytes", text.size(),
                            kMaxFileBytes),
                "poise files are small YAML documents; is this the right file?");
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
  std::string what;
  if (auto bad = FindInvalidText(text, &what)) {
    return fail(*bad, "not a text file: " + what, "poise reads UTF-8 YAML text");
  }

  std::istringstream stream{std::string(text)};
  TreeBuilder builder(result.tree, result.problems, display_name);
  try {
    YAML::Parser parser(stream);
    parser.HandleNextDocument(builder);
    if (result.tree.root >= 0) {
      SecondDocumentProbe probe;
      try {
        parser.HandleNextDocument(probe);
      } catch (const SecondDocumentProbe::Found& found) {
        return fail(ToMark(found.mark), "a second YAML document starts here",
                    "poise reads one document per file; split it into several files");
      }
    }
  } catch (const LimitExceeded& limit) {
    return fail(limit.mark, limit.message, limit.hint);
  } catch (const YAML::DeepRecursion&) {
    return fail(ToMark(builder.last_mark()),
                fmt::format("nesting deeper than {} levels", kMaxNestingDepth),
                "poise files nest a few levels at most; check the indentation");
  } catch (const YAML::Exception& error) {
    SourceMark mark = error.mark.is_null() ? ToMark(builder.last_mark()) : ToMark(error.mark);
    if (auto tab = TabIndentation(text, mark.line)) {
      return fail(*tab, "a tab in the indentation",
                  "YAML indents with spaces only; replace the tab with spaces");
    }
    return fail(mark, SyntaxMessage(error.msg), "check the indentation, colons and quotes here");
  } catch (const std::bad_alloc&) {
    return fail({}, "out of memory while reading the file", "is this the right file?");
  }
  result.usable = true;
  return result;
}

}  // namespace poise::yaml
