#pragma once
// What a benchmark ran on, printed and stored with its numbers: figures from
// a loaded laptop and a quiet server must not be compared unknowingly.

#include <string>

namespace newsdex::bench {

struct MachineInfo {
    std::string cpu;           ///< model name from /proc/cpuinfo ("" when unknown)
    unsigned cores = 0;        ///< hardware threads
    std::string xapian;        ///< Xapian library version
    double load_average = -1;  ///< 1-minute load average when the run started (-1 unknown)
    std::string started_utc;   ///< "2025-01-31T12:00:00Z"
};

MachineInfo machine_info();

/// "Intel(R) Xeon(R) ..., 2 cores, load 1.74; Xapian 1.4.22; 2025-01-31T12:00:00Z"
std::string describe(const MachineInfo& m);

/// Peak resident set size of this process so far, in KiB (getrusage).
long peak_rss_kib();

}  // namespace newsdex::bench
