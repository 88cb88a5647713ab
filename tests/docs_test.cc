// Every ```console block in README.md and docs/*.md is executed: each `$ command` line runs in
// the source directory with build/poise first on PATH, and its combined stdout and stderr must
// equal the lines that follow it in the document (up to the next `$` line or the block's end).
// An optional `# exit N` line right after the output states a non-zero exit status.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <sstream>

#include "test_util.h"

namespace poise {
namespace {

namespace fs = std::filesystem;

struct Example {
  std::string doc;
  int line = 0;
  std::string command;
  std::string output;
  int exit_code = 0;
};

std::vector<Example> Examples() {
  std::vector<std::string> docs = {"README.md"};
  for (const auto& entry : fs::directory_iterator(POISE_SOURCE_DIR "/docs")) {
    if (entry.path().extension() == ".md")
      docs.push_back("docs/" + entry.path().filename().string());
  }
  std::sort(docs.begin(), docs.end());
  std::vector<Example> examples;
  for (const std::string& doc : docs) {
    std::istringstream text(testing::ReadFile(std::string(POISE_SOURCE_DIR "/") + doc));
    std::string line;
    bool in_block = false;
    int number = 0;
    while (std::getline(text, line)) {
      ++number;
      if (!in_block && line == "```console") {
        in_block = true;
      } else if (in_block && line == "```") {
        in_block = false;
      } else if (in_block && line.rfind("$ ", 0) == 0) {
        examples.push_back({doc, number, line.substr(2), "", 0});
      } else if (in_block && line.rfind("# exit ", 0) == 0 && !examples.empty()) {
        examples.back().exit_code = std::stoi(line.substr(7));
      } else if (in_block && !examples.empty()) {
        examples.back().output += line + "\n";
      }
    }
  }
  return examples;
}

TEST(Docs, ConsoleExamplesRunAsWritten) {
  const std::vector<Example> examples = Examples();
  EXPECT_GE(examples.size(), 10u);
  const std::string bin = fs::path(POISE_BINARY).parent_path().string();
  for (const Example& example : examples) {
    const std::string out = ::testing::TempDir() + "poise_doc_example.out";
    std::string quoted;
    for (char c : example.command) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    const std::string command = "cd '" POISE_SOURCE_DIR "' && PATH='" + bin +
                                "':\"$PATH\" COLUMNS=100 sh -c '" + quoted + "' >'" + out +
                                "' 2>&1 </dev/null";
    const int status = std::system(command.c_str());
    EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, example.exit_code)
        << example.doc << ":" << example.line << ": " << example.command;
    EXPECT_EQ(testing::ReadFile(out), example.output)
        << example.doc << ":" << example.line << ": " << example.command;
  }
}

}  // namespace
}  // namespace poise
