#include "test_util.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

namespace poise::testing {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string UnescapeHtml(std::string text) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return text;
}

RunResult RunPoise(const std::string& args, const std::string& env) {
  static int counter = 0;
  const std::string base = ::testing::TempDir() + "poise_run_" + std::to_string(getpid()) + "_" +
                           std::to_string(counter++);
  const std::string command = "cd '" POISE_SOURCE_DIR "' && " + env + " '" POISE_BINARY "' " +
                              args + " >'" + base + ".out' 2>'" + base + ".err'" +
                              (args.find('<') == std::string::npos ? " </dev/null" : "");
  const int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(base + ".out");
  result.err = ReadFile(base + ".err");
  std::remove((base + ".out").c_str());
  std::remove((base + ".err").c_str());
  return result;
}

}  // namespace poise::testing
