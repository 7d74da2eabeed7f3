//! The processes running on this machine, read from /proc: which started which, and how much
//! memory each holds. Used to measure the program's memory in the real window.

use std::collections::HashMap;

pub struct Process {
    pub parent: u32,
    pub name: String,
}

/// Every process that can be read now, by id.
pub fn all() -> HashMap<u32, Process> {
    let mut out = HashMap::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        // `comm` may hold spaces and parentheses; the fields after its closing parenthesis do not.
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = stat[open + 1..close].to_owned();
        let parent = stat[close + 1..]
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        out.insert(pid, Process { parent, name });
    }
    out
}

/// The processes started, directly or not, by `root`.
pub fn descendants(processes: &HashMap<u32, Process>, root: u32) -> Vec<u32> {
    let mut found = Vec::new();
    let mut frontier = vec![root];
    while let Some(parent) = frontier.pop() {
        for (pid, p) in processes {
            if p.parent == parent {
                found.push(*pid);
                frontier.push(*pid);
            }
        }
    }
    found
}

/// A process's resident and proportional memory in bytes (0, 0 once it has ended).
pub fn memory(pid: u32) -> (u64, u64) {
    let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
        return (0, 0);
    };
    let field = |name: &str| {
        rollup
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("Rss:"), field("Pss:"))
}
