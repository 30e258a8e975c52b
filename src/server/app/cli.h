// Command line of sluice-server: flags, subcommands and their one-line errors.
#pragma once

namespace sluice {
// Runs sluice-server with these arguments; returns the process exit code.
int runServerCli(int argc, char** argv);
} // namespace sluice
