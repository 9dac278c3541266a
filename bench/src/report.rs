//! The printed table: each figure beside its goal.

pub fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    }
}

pub fn spread(values: &[f64], unit: impl Fn(f64) -> String) -> String {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!("{}–{}", unit(lo), unit(hi))
}

pub fn seconds(ms: f64) -> String {
    format!("{:.2} s", ms / 1e3)
}

pub fn millis(ms: f64) -> String {
    format!("{ms:.0} ms")
}

pub fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1e6)
}

/// One row: a figure, what it compares, and whether it meets its goal.
pub struct Row {
    pub figure: &'static str,
    pub measured: String,
    pub value: f64,
    pub goal: f64,
    pub ratio: bool,
}

pub fn print(title: &str, rows: &[Row]) {
    println!("{title}");
    println!();
    println!("| figure | measured | {:>8} | goal | |", "value");
    println!("|---|---|---:|---|---|");
    for r in rows {
        let (value, goal) = if r.ratio {
            (format!("{:.2}×", r.value), format!("≤ {}×", r.goal))
        } else {
            (format!("{:.0} ms", r.value), format!("≤ {} ms", r.goal))
        };
        let verdict = if r.value <= r.goal { "met" } else { "not met" };
        println!(
            "| {} | {} | {value} | {goal} | {verdict} |",
            r.figure, r.measured
        );
    }
    println!();
}
