// usbmon-pcap SCRIPT OUT.pcap: turns a URB script (usbmon_pcap.h) into a capture umockdev-run
// replays. Test CMakeLists run it at build time so the readable scripts are what is committed.
#include <fstream>
#include <iostream>
#include <sstream>

#include "usbmon_pcap.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: usbmon-pcap SCRIPT OUT.pcap\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << argv[1] << ": cannot open\n";
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  rg::test::ScriptError error;
  auto script = rg::test::parse_usbmon_script(text.str(), &error);
  if (!script) {
    std::cerr << argv[1] << ":" << error.line << ": " << error.message << "\n";
    return 1;
  }
  if (!script->write(argv[2])) {
    std::cerr << argv[2] << ": cannot write\n";
    return 1;
  }
  return 0;
}
