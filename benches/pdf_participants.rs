//! Renders a 5,000-row participant list several times and prints the median wall time and
//! the process's peak resident memory (VmHWM); then the same list at 5,000, 20,000, 50,000 and
//! 100,000 rows, each render in a process of its own (so each peak is its own), written to a
//! file as it is laid out, three times in turns, with the median time, the median peak, how the
//! time grows against 5,000 rows and whether the three files are byte-identical; and ReportLab
//! on the same rows, when it is installed (`benches/reportlab_list.py`). Not a pass/fail test;
//! see the module docs of `muntada::pdf` and README.md for the targets. Run with
//! `cargo bench --bench pdf_participants` (`make bench`).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use muntada::pdf::{render, render_into, Block, Column, Document, Language, Row, Table};

const ROWS: usize = 5_000;
const RUNS: usize = 5;

/// The sizes of the scale runs, and how many runs of each.
const SCALE: [usize; 4] = [5_000, 20_000, 50_000, 100_000];
const SCALE_RUNS: usize = 3;
/// ReportLab runs up to this size only.
const REPORTLAB_MAX_ROWS: usize = 20_000;
/// Set in the child processes: how many rows, and the file to write (the PDF, or with
/// `CSV_ONLY` the rows as CSV for ReportLab).
const CHILD_ROWS: &str = "MUNTADA_BENCH_ROWS";
const CHILD_OUT: &str = "MUNTADA_BENCH_OUT";
const CSV_ONLY: &str = "MUNTADA_BENCH_CSV";

fn main() {
    if let Ok(rows) = std::env::var(CHILD_ROWS) {
        child(rows.parse().expect("a number of rows"));
        return;
    }
    in_process();
    scale();
}

fn in_process() {
    let doc = participant_list(ROWS);
    let mut times = Vec::with_capacity(RUNS);
    let mut cpu_times = Vec::with_capacity(RUNS);
    let mut pages = 0;
    let mut size = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let cpu_start = thread_cpu();
        let rendered = render(&doc).expect("render");
        times.push(start.elapsed());
        if let (Some(a), Some(b)) = (cpu_start, thread_cpu()) {
            cpu_times.push(b - a);
        }
        pages = rendered.pages;
        size = rendered.bytes.len();
        assert_eq!(rendered.warnings.missing_glyphs, 0);
    }
    times.sort();
    let median = times[RUNS / 2];
    println!("pdf_participants: {ROWS} rows, {pages} pages, {} KiB", size / 1024);
    println!(
        "  render times: {}",
        times.iter().map(|t| format!("{:.3}s", t.as_secs_f64())).collect::<Vec<_>>().join(" ")
    );
    println!("  median render: {:.3} s wall (target ≤ 0.250 s)", median.as_secs_f64());
    if cpu_times.len() == RUNS {
        cpu_times.sort();
        // On a busy machine wall time includes waiting for a core; the render is single
        // threaded, so its CPU time is what it takes on an idle one.
        println!("  median render: {:.3} s CPU time of the rendering thread", cpu_times[RUNS / 2].as_secs_f64());
    }
    match peak_rss_kib() {
        Some(kib) => println!("  peak RSS (VmHWM): {:.1} MB (target ≤ 64 MB)", kib as f64 / 1024.0),
        None => println!("  peak RSS: unavailable (no /proc/self/status)"),
    }

    // Not part of the target: one paragraph of 1 MB of mixed text, for scale.
    let mut text = String::with_capacity(1_050_000);
    let words = ["مؤتمر ", "Forum ", "2024 ", "(الدوحة) ", "participants, "];
    let mut i = 0;
    while text.len() < 1_000_000 {
        text.push_str(words[i % words.len()]);
        i += 1;
    }
    let mut big = Document::new(Language::Ar, "1 MB");
    big.blocks = vec![Block::Paragraph(muntada::pdf::Paragraph::text(text))];
    let start = Instant::now();
    let rendered = render(&big).expect("render");
    println!(
        "  1 MB paragraph: {:.3} s wall, {} pages, {} KiB",
        start.elapsed().as_secs_f64(),
        rendered.pages,
        rendered.bytes.len() / 1024
    );
    if let Some(kib) = peak_rss_kib() {
        println!("  peak RSS after it: {:.1} MB", kib as f64 / 1024.0);
    }
}

/// CPU time of the calling thread so far, from the scheduler statistics (nanoseconds).
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The process's peak resident memory so far (VmHWM), in KiB.
fn peak_rss_kib() -> Option<u64> {
    rss_kib("VmHWM:")
}

fn rss_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A deterministic list: names alternate between Arabic and Latin, grouped by category.
fn participant_list(rows: usize) -> Document {
    const AR_FIRST: [&str; 12] =
        ["محمد", "أحمد", "فاطمة", "عائشة", "يوسف", "مريم", "خالد", "نورة", "عبدالله", "ليلى", "سلمان", "هند"];
    const AR_LAST: [&str; 10] =
        ["الكواري", "العطية", "المري", "الهاجري", "النعيمي", "السويدي", "الأنصاري", "الشمري", "الحمادي", "بن علي"];
    const LA_FIRST: [&str; 12] =
        ["James", "Maria", "Chen", "Olga", "Pierre", "Aisha", "Kofi", "Ingrid", "Rahul", "Sofia", "Tomás", "Yuki"];
    const LA_LAST: [&str; 10] =
        ["Smith", "García", "Müller", "Okafor", "Dubois", "Kowalski", "Nakamura", "Haddad", "Jensen", "O'Brien"];
    const ORGS: [&str; 8] = [
        "وزارة الخارجية",
        "United Nations Development Programme",
        "جامعة قطر",
        "International Crisis Group",
        "مؤسسة قطر للتربية والعلوم وتنمية المجتمع",
        "Chatham House",
        "الهلال الأحمر القطري",
        "World Bank (MENA)",
    ];
    const COUNTRIES: [&str; 8] =
        ["قطر", "France", "المملكة العربية السعودية", "United States", "مصر", "Japan", "الأردن", "Brazil"];
    const CATEGORIES: [&str; 4] = ["الوفود الرسمية", "Speakers — المتحدثون", "الإعلام", "Observers"];

    let mut table = Table {
        columns: vec![
            Column::new("الاسم / Name", 3.0),
            Column::new("المنظمة / Organisation", 4.0),
            Column::new("الدولة / Country", 2.0),
            Column::new("الفئة / Category", 2.0),
        ],
        rows: Vec::with_capacity(rows + CATEGORIES.len()),
        repeat_header: true,
    };
    let per_category = rows / CATEGORIES.len();
    let mut n = 0usize;
    for (c, category) in CATEGORIES.iter().enumerate() {
        table.rows.push(Row::Group(format!("{category} ({per_category})")));
        let count = if c + 1 == CATEGORIES.len() { rows - n } else { per_category };
        for _ in 0..count {
            // A small linear congruential sequence keeps the data fixed and varied.
            let k = n.wrapping_mul(2_654_435_761) >> 7;
            let name = if n.is_multiple_of(2) {
                format!("{} {}", AR_FIRST[k % 12], AR_LAST[(k / 12) % 10])
            } else {
                format!("{} {}", LA_FIRST[k % 12], LA_LAST[(k / 12) % 10])
            };
            table.rows.push(Row::cells([
                name,
                ORGS[(k / 7) % ORGS.len()].to_owned(),
                COUNTRIES[(k / 3) % COUNTRIES.len()].to_owned(),
                category.to_string(),
            ]));
            n += 1;
        }
    }
    let mut doc = Document::new(Language::Ar, "قائمة المشاركين");
    doc.header = Some("منتدى الدوحة 2024 — قائمة المشاركين".to_owned());
    doc.blocks =
        vec![Block::Heading { level: 1, text: "قائمة المشاركين / Participants".to_owned() }, Block::Table(table)];
    doc
}

/// One render in this process, to a file: prints seconds, peak RSS in KiB, pages, and the RSS
/// in KiB once the input document is built (before the render starts).
fn child(rows: usize) {
    let out = PathBuf::from(std::env::var_os(CHILD_OUT).expect("an output path"));
    let mut doc = participant_list(rows);
    // A fixed date: otherwise each file carries the moment it was written.
    doc.meta.created = Some(1_747_735_200);
    if std::env::var_os(CSV_ONLY).is_some() {
        write_csv(&doc, &out);
        return;
    }
    // The input's share of the peak: what is resident once the rows are built.
    let input = rss_kib("VmRSS:").unwrap_or(0);
    let start = Instant::now();
    let file = BufWriter::new(std::fs::File::create(&out).expect("create the output"));
    let written = render_into(&doc, file).expect("render");
    let seconds = start.elapsed().as_secs_f64();
    println!("{seconds} {} {} {input}", peak_rss_kib().unwrap_or(0), written.pages);
}

/// The table's rows as CSV (group titles on a line of their own, first cell only).
fn write_csv(doc: &Document, path: &Path) {
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create the CSV"));
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for block in &doc.blocks {
        let Block::Table(table) = block else { continue };
        let header: Vec<String> = table.columns.iter().map(|c| quote(&c.header)).collect();
        writeln!(out, "{}", header.join(",")).expect("write");
        for row in &table.rows {
            let cells: Vec<String> = match row {
                Row::Cells(cells) | Row::Total(cells) => cells.iter().map(|c| quote(c)).collect(),
                Row::Group(title) => vec![quote(title)],
            };
            writeln!(out, "{}", cells.join(",")).expect("write");
        }
    }
    out.flush().expect("write");
}

struct Run {
    seconds: f64,
    peak_kib: u64,
    pages: usize,
    /// Resident once the input is built, before the render (0 when not reported).
    input_kib: u64,
}

fn run_child(rows: usize, out: &Path, csv_only: bool) -> Option<Run> {
    let mut command = Command::new(std::env::current_exe().ok()?);
    command.env(CHILD_ROWS, rows.to_string()).env(CHILD_OUT, out);
    if csv_only {
        command.env(CSV_ONLY, "1");
    }
    let output = command.output().ok()?;
    if !output.status.success() {
        eprintln!("  {rows} rows: the child failed: {}", String::from_utf8_lossy(&output.stderr));
        return None;
    }
    parse_run(&String::from_utf8_lossy(&output.stdout))
}

fn parse_run(line: &str) -> Option<Run> {
    let mut fields = line.split_whitespace();
    Some(Run {
        seconds: fields.next()?.parse().ok()?,
        peak_kib: fields.next()?.parse().ok()?,
        pages: fields.next()?.parse().ok()?,
        input_kib: fields.next().and_then(|f| f.parse().ok()).unwrap_or(0),
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn scale() {
    let dir = std::env::temp_dir().join(format!("muntada-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    println!("participant list at scale: a process per render, written to a file as laid out");
    // In turns (5,000, 20,000, …, then again), so that a busy spell of the machine does not
    // fall on one size only.
    let mut runs: Vec<Vec<Run>> = SCALE.iter().map(|_| Vec::new()).collect();
    let mut identical = vec![true; SCALE.len()];
    for turn in 0..SCALE_RUNS {
        for (i, &rows) in SCALE.iter().enumerate() {
            let out = dir.join(format!("list-{rows}-{turn}.pdf"));
            if let Some(run) = run_child(rows, &out, false) {
                runs[i].push(run);
            }
            if turn > 0 {
                let first = std::fs::read(dir.join(format!("list-{rows}-0.pdf"))).unwrap_or_default();
                identical[i] &= std::fs::read(&out).is_ok_and(|bytes| bytes == first);
                let _ = std::fs::remove_file(&out);
            }
        }
    }
    let base = median(runs[0].iter().map(|r| r.seconds).collect());
    println!("  | rows | pages | time (median of {SCALE_RUNS}) | × the 5,000-row time | peak RSS (median) | of which the input, built before the render (median) | same bytes each run | ReportLab {}: time, peak |", reportlab_version().unwrap_or_else(|| "(not installed)".to_owned()));
    println!("  | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (i, &rows) in SCALE.iter().enumerate() {
        let time = median(runs[i].iter().map(|r| r.seconds).collect());
        let peak = median(runs[i].iter().map(|r| r.peak_kib as f64).collect()) / 1024.0;
        let input = median(runs[i].iter().map(|r| r.input_kib as f64).collect()) / 1024.0;
        let pages = runs[i].first().map_or(0, |r| r.pages);
        let theirs = reportlab(&dir, rows).map_or_else(
            || "–".to_owned(),
            |r| format!("{:.2} s, {:.1} MB, {} pages", r.seconds, r.peak_kib as f64 / 1024.0, r.pages),
        );
        println!(
            "  | {rows} | {pages} | {time:.3} s | {:.1} | {peak:.1} MB | {input:.1} MB | {} | {theirs} |",
            time / base,
            if identical[i] { "yes" } else { "NO" }
        );
    }
    println!("  goals at 100,000 rows: peak ≤ 150 MB, time ≤ 20 × the 5,000-row time");
    let _ = std::fs::remove_dir_all(&dir);
}

fn reportlab_version() -> Option<String> {
    let output = Command::new("python3").args(["-c", "import reportlab; print(reportlab.Version)"]).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// One ReportLab render of the same rows (`benches/reportlab_list.py`), when it is installed.
fn reportlab(dir: &Path, rows: usize) -> Option<Run> {
    // Its table layout grows faster than linearly: 265 s at 50,000 rows on this machine.
    if rows > REPORTLAB_MAX_ROWS {
        return None;
    }
    reportlab_version()?;
    let csv = dir.join(format!("list-{rows}.csv"));
    run_child(rows, &csv, true);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/reportlab_list.py");
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let output =
        Command::new("python3").arg(script).arg(&csv).arg(dir.join("reportlab.pdf")).arg(fonts).output().ok()?;
    let _ = std::fs::remove_file(&csv);
    if !output.status.success() {
        eprintln!("  ReportLab failed: {}", String::from_utf8_lossy(&output.stderr));
        return None;
    }
    parse_run(&String::from_utf8_lossy(&output.stdout))
}
