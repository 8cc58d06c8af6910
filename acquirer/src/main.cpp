// qrpos-acquirer: the sandbox acquirer integrators develop and test against.
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "ledger.hpp"
#include "server.hpp"

namespace {

qrpos::acquirer::Server* g_server = nullptr;  // for the signal handler only

void on_signal(int) {
  if (g_server) g_server->stop();
}

std::int64_t wall_clock_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int usage(const char* why) {
  std::fprintf(stderr,
               "%s\n"
               "usage: qrpos-acquirer [--db FILE] [--host HOST] [--port N] [--static DIR] [--demo]\n"
               "  --db FILE     SQLite ledger (created if missing; default qrpos-sandbox.db)\n"
               "  --host HOST   address to listen on (default 127.0.0.1)\n"
               "  --port N      port (default 8080; 0 picks a free one)\n"
               "  --static DIR  serve the kiosk web app from DIR at /\n"
               "  --demo        provision the demo terminal and publish its key at /demo/terminal.json\n",
               why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db = "qrpos-sandbox.db";
  qrpos::acquirer::ServerOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--demo") {
      options.demo = true;
    } else if (arg == "--db" || arg == "--host" || arg == "--port" || arg == "--static") {
      const char* v = value();
      if (!v) return usage(("missing value after " + arg).c_str());
      if (arg == "--db") db = v;
      if (arg == "--host") options.host = v;
      if (arg == "--static") options.static_dir = v;
      if (arg == "--port") {
        char* end = nullptr;
        const long port = std::strtol(v, &end, 10);
        if (*end != '\0' || port < 0 || port > 65535) return usage("--port takes a number from 0 to 65535");
        options.port = static_cast<int>(port);
      }
    } else if (arg == "--help" || arg == "-h") {
      usage("qrpos sandbox acquirer");
      return 0;
    } else {
      return usage(("unknown argument: " + arg).c_str());
    }
  }
  try {
    qrpos::acquirer::Ledger ledger(db);
    qrpos::acquirer::Server server(ledger, options, wall_clock_ms);
    const int port = server.bind();
    g_server = &server;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::printf("qrpos-acquirer listening on http://%s:%d (ledger %s)\n", options.host.c_str(), port, db.c_str());
    std::fflush(stdout);
    server.run();
    g_server = nullptr;
    std::printf("qrpos-acquirer stopped\n");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "qrpos-acquirer: %s\n", e.what());
    return 1;
  }
}
