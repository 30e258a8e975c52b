// The standard process figures every Prometheus installation expects (the names of the
// official client libraries' process collector), read from /proc when /metrics is rendered,
// and sluice_build_info.
#pragma once
#include "server/metrics/registry.h"

#include <string>

namespace sluice::metrics {

// process_cpu_seconds_total, process_resident_memory_bytes, process_virtual_memory_bytes,
// process_open_fds, process_max_fds, process_start_time_seconds; sluice_build_info{version,
// node}; sluice_ready (1 while `ready()` is true).
void registerProcessMetrics(Registry& registry, const std::string& version, const std::string& node,
                            std::function<bool()> ready);

} // namespace sluice::metrics
