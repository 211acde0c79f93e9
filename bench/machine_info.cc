#include "machine_info.h"

#include <sys/resource.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <thread>

#include <xapian.h>

#include "text_table.h"

namespace newsdex::bench {

MachineInfo machine_info() {
    MachineInfo m;
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);) {
        if (line.rfind("model name", 0) != 0) continue;
        auto colon = line.find(':');
        if (colon != std::string::npos)
            m.cpu = line.substr(line.find_first_not_of(" \t", colon + 1));
        break;
    }
    m.cores = std::thread::hardware_concurrency();
    m.xapian = Xapian::version_string();
    double load[1];
    if (getloadavg(load, 1) == 1) m.load_average = load[0];
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    m.started_utc = buf;
    return m;
}

std::string describe(const MachineInfo& m) {
    std::string out = m.cpu.empty() ? "unknown CPU" : m.cpu;
    out += ", ";
    out += std::to_string(m.cores);
    out += " cores";
    if (m.load_average >= 0) {
        out += ", load ";
        out += fixed(m.load_average, 2);
    }
    out += "; Xapian ";
    out += m.xapian;
    out += "; ";
    out += m.started_utc;
    return out;
}

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace newsdex::bench
