//! Progress of a long stage on stderr: a bar with the rate and the time
//! left when stderr is a terminal, one plain line per update otherwise (a
//! log file, a Slurm output file), nothing when the run is `--quiet`.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// Plain lines are written at most this often (and at the end).
const PLAIN_EVERY: Duration = Duration::from_secs(10);

enum Sink {
    Bar(indicatif::ProgressBar),
    Plain { last: Instant },
    Off,
}

/// One stage's progress: `what` ("encoding with all-MiniLM-L6-v2"), counted
/// in `unit`s ("sentences") up to `total`.
pub struct Progress {
    what: String,
    unit: &'static str,
    total: u64,
    done: u64,
    started: Instant,
    sink: Sink,
}

impl Progress {
    pub fn new(what: &str, unit: &'static str, total: usize, enabled: bool) -> Self {
        let sink = if !enabled {
            Sink::Off
        } else if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "  {msg} [{bar:30}] {pos}/{len} {per_sec} ({eta} left)",
                )
                .expect("a valid template")
                .progress_chars("=> "),
            );
            bar.set_message(what.to_string());
            Sink::Bar(bar)
        } else {
            Sink::Plain {
                last: Instant::now(),
            }
        };
        Progress {
            what: what.to_string(),
            unit,
            total: total as u64,
            done: 0,
            started: Instant::now(),
            sink,
        }
    }

    /// `n` more units done.
    pub fn inc(&mut self, n: usize) {
        self.set(self.done as usize + n);
    }

    /// `done` units done so far.
    pub fn set(&mut self, done: usize) {
        self.done = done as u64;
        match &mut self.sink {
            Sink::Bar(b) => b.set_position(self.done),
            Sink::Plain { last } => {
                if last.elapsed() >= PLAIN_EVERY {
                    *last = Instant::now();
                    eprintln!("{}", self.line());
                }
            }
            Sink::Off => {}
        }
    }

    /// "stancemap: encoding with X: 1200/6040 sentences, 150.2/s, 32 s left"
    fn line(&self) -> String {
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        let rate = self.done as f64 / secs;
        let left = if rate > 0.0 {
            format!(
                ", {:.0} s left",
                (self.total.saturating_sub(self.done)) as f64 / rate
            )
        } else {
            String::new()
        };
        format!(
            "stancemap: {}: {}/{} {}, {:.1}/s{left}",
            self.what, self.done, self.total, self.unit, rate
        )
    }

    /// The stage is over: the bar is cleared, a plain log gets its last line.
    pub fn finish(self) {
        match &self.sink {
            Sink::Bar(b) => {
                b.finish_and_clear();
                eprintln!(
                    "  {}: {} {} in {:.1}s",
                    self.what,
                    self.done,
                    self.unit,
                    self.started.elapsed().as_secs_f64()
                );
            }
            Sink::Plain { .. } => eprintln!("{}", self.line()),
            Sink::Off => {}
        }
    }
}

/// The process's peak resident memory so far, in MB (Linux: `VmHWM` in
/// /proc/self/status; `None` where that is not available).
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_line_gives_the_count_the_rate_and_the_time_left() {
        let mut p = Progress::new("encoding", "sentences", 100, false);
        p.inc(25);
        let line = p.line();
        assert!(
            line.starts_with("stancemap: encoding: 25/100 sentences, "),
            "{line}"
        );
        assert!(line.ends_with(" s left"), "{line}");
    }
}
