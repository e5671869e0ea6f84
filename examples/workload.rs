//! Benchmark workload generator: writes a synthetic but realistic board cycle
//! of any size, deterministically (seeded), that `boardpaper check` accepts
//! with zero errors.
//!
//! ```sh
//! cargo run --release --example workload -- --trusts 20 --papers 30 --out /tmp/cycle
//! ```
//!
//! Each trust has its own framework, governance rows (standard rows in its own
//! order, some optional, some custom), assurance scale and meeting date. Each
//! paper has 5–20 pages of body: numbered sections, paragraphs with footnotes,
//! lists, tables (some with status cells), trust-specific passages
//! (`{% if trust.id == ... %}`), `{{ trust.* }}` mentions in some papers, and
//! every recommendation placed once. Every paper goes to every trust.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// splitmix64: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.range(1, 100) <= percent
    }
}

const OBJECTIVES: [(&str, &str); 5] = [
    ("quality", "Quality improvement and productivity"),
    ("safe-care", "Enabling safe care"),
    ("workforce", "Developing our workforce"),
    ("population-health", "Improving population health"),
    ("inequalities", "Reducing inequalities"),
];

const PLACES: &[&str] = &[
    "Ashford",
    "Barnfield",
    "Carrow",
    "Dunmore",
    "Elmbridge",
    "Fenwick",
    "Glenholme",
    "Harcourt",
    "Ivybridge",
    "Kestrel",
    "Langley",
    "Marston",
    "Northfield",
    "Oakham",
    "Pendle",
    "Redcliffe",
    "Selby",
    "Thornbury",
    "Upton",
    "Wexcombe",
];

const ITEM_LABELS: &[&str] = &[
    "High Standards",
    "Transformation",
    "Environments",
    "Patient Involvement",
    "Well Governed",
    "Reaching Out",
    "Equality, Leadership, Culture",
    "Access to Services",
    "Quality Improvement",
    "Develop",
    "Innovate",
    "Grow",
    "Build",
    "Digital First",
    "Great Place to Work",
    "Sustainability",
];

const STANDARD_ROWS: &[&str] = &[
    "forum",
    "sponsor",
    "author",
    "submitted",
    "previously-considered",
    "assurance",
    "next-update",
    "alignment",
    "risk-register",
    "risk-appetite",
    "fomi",
    "safety",
    "equality",
];

const CUSTOM_ROWS: &[(&str, &str)] = &[
    ("lead-director", "Lead Executive Director:"),
    ("baf-risk", "BAF risk reference:"),
    ("statutory", "Statutory or regulatory responsibilities:"),
];

const WORDS: &[&str] = &[
    "the",
    "alliance",
    "board",
    "providers",
    "services",
    "patients",
    "carers",
    "community",
    "mental",
    "health",
    "learning",
    "disability",
    "autism",
    "workforce",
    "quality",
    "safety",
    "improvement",
    "funding",
    "programme",
    "pathway",
    "commissioning",
    "integrated",
    "care",
    "system",
    "partners",
    "outcomes",
    "access",
    "waiting",
    "times",
    "recovery",
    "transformation",
    "collaborative",
    "clinical",
    "leadership",
    "governance",
    "assurance",
    "risk",
    "population",
    "inequalities",
    "co-production",
    "digital",
    "estates",
    "productivity",
    "finance",
    "of",
    "and",
    "to",
    "for",
    "with",
    "across",
    "through",
    "in",
    "our",
    "we",
    "have",
    "will",
    "continue",
    "develop",
    "support",
    "deliver",
    "review",
    "agreed",
    "planned",
    "national",
    "regional",
    "local",
];

/// Options from the command line.
struct Options {
    trusts: usize,
    papers: usize,
    out: PathBuf,
    seed: u64,
}

fn main() {
    let opts = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("workload: {e}\nusage: workload --trusts N --papers M --out DIR [--seed S]");
            std::process::exit(2);
        }
    };
    if let Err(e) = generate(&opts) {
        eprintln!("workload: {e}");
        std::process::exit(2);
    }
    println!(
        "wrote {} trusts x {} papers to {}",
        opts.trusts,
        opts.papers,
        opts.out.display()
    );
}

fn options() -> Result<Options, String> {
    let mut opts = Options {
        trusts: 6,
        papers: 2,
        out: PathBuf::from("cycle"),
        seed: 2023,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = || value.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--trusts" => opts.trusts = number()?.clamp(1, 999),
            "--papers" => opts.papers = number()?.clamp(1, 999),
            "--seed" => opts.seed = number()? as u64,
            "--out" => opts.out = PathBuf::from(value),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(opts)
}

/// One generated trust, as the papers need to know it.
struct Trust {
    id: String,
    rows: Vec<String>,
    four_level: bool,
}

fn generate(opts: &Options) -> Result<(), String> {
    fn io(p: &Path) -> impl Fn(std::io::Error) -> String + '_ {
        move |e| format!("{}: {e}", p.display())
    }
    for sub in ["trusts", "papers"] {
        let dir = opts.out.join(sub);
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    }
    let mut rng = Rng(opts.seed);
    let write = |rel: String, text: String| {
        let path = opts.out.join(rel);
        std::fs::write(&path, text).map_err(io(&path))
    };
    write("boardpaper.yaml".into(), config())?;
    let mut trusts = Vec::new();
    for n in 0..opts.trusts {
        let (trust, text) = trust(&mut rng, n);
        write(format!("trusts/{}.yaml", trust.id), text)?;
        trusts.push(trust);
    }
    for n in 0..opts.papers {
        let id = format!("paper-{:03}", n + 1);
        write(format!("papers/{id}.md"), paper(&mut rng, n, &trusts))?;
    }
    Ok(())
}

fn config() -> String {
    let mut s = String::from(
        "# Generated by examples/workload.rs: a synthetic board cycle.\n\
         alliance:\n  name: Synthetic Alliance\n  full_name: Synthetic Mental Health and Learning Disability Alliance\n\
         cycle: November 2023\nobjectives:\n",
    );
    for (id, label) in OBJECTIVES {
        let _ = writeln!(s, "  {id}: {label}");
    }
    s.push_str(
        "output: build\nformats: [pdf, html]\nstyle:\n  accent: \"#005EB8\"\n  paper: A4\n  \
         status-colours:\n    High: \"#007F3B\"\n    Medium: \"#FFB81C\"\n    Low: \"#DA291C\"\n",
    );
    s
}

fn trust(rng: &mut Rng, n: usize) -> (Trust, String) {
    let id = format!("t{:02}", n + 1);
    let place = PLACES[n % PLACES.len()];
    let four_level = rng.chance(35);
    let mut s =
        format!(
        "name: {place} {} NHS Foundation Trust\nshort: {}{}\nboard: {}\nmeeting: 2023-11-{:02}\n",
        if n >= PLACES.len() { "and District" } else { "Healthcare" },
        &place[..3].to_uppercase(),
        n + 1,
        rng.pick(&["Trust Public Board", "Board of Directors", "Trust Board (Public)"]),
        rng.range(20, 30),
    );
    let _ = writeln!(
        s,
        "framework:\n  title: {place} strategic alignment\n  items:"
    );
    let items = rng.range(4, 9);
    let start = rng.range(0, ITEM_LABELS.len() - 1);
    for i in 0..items {
        let label = ITEM_LABELS[(start + i) % ITEM_LABELS.len()];
        let a = OBJECTIVES[rng.range(0, 4)].0;
        let b = OBJECTIVES[rng.range(0, 4)].0;
        let objs = if a == b {
            a.to_string()
        } else {
            format!("{a}, {b}")
        };
        let _ = writeln!(
            s,
            "    - id: item-{}\n      label: \"{label}\"\n      objectives: [{objs}]",
            i + 1
        );
    }
    let mut rows: Vec<String> = STANDARD_ROWS
        .iter()
        .filter(|r| **r == "alignment" || rng.chance(80))
        .map(|r| r.to_string())
        .collect();
    s.push_str("governance:\n");
    for row in &rows {
        if row == "next-update" && rng.chance(50) {
            let _ = writeln!(s, "  - key: next-update\n    required: false");
        } else {
            let _ = writeln!(s, "  - {row}");
        }
    }
    if rng.chance(40) {
        let (key, label) = CUSTOM_ROWS[rng.range(0, CUSTOM_ROWS.len() - 1)];
        let _ = writeln!(s, "  - key: {key}\n    label: \"{label}\"");
        rows.push(key.to_string());
    }
    if four_level {
        s.push_str("assurance-levels: [none, limited, reasonable, substantial]\n");
    }
    (
        Trust {
            id,
            rows,
            four_level,
        },
        s,
    )
}

fn paper(rng: &mut Rng, n: usize, all: &[Trust]) -> String {
    // Every paper goes to every trust, so a cycle has trusts x papers variants.
    let subset = false;
    let recipients: Vec<&Trust> = all
        .iter()
        .filter(|t| !subset || rng.chance(50) || t.id == all[n % all.len()].id)
        .collect();
    let recs = rng.range(2, 6);
    let mut s = front_matter(rng, n, &recipients, subset, recs);
    s.push_str("---\n\n");
    body(rng, &mut s, &recipients, recs);
    s
}

fn front_matter(rng: &mut Rng, n: usize, to: &[&Trust], subset: bool, recs: usize) -> String {
    let topic = rng.pick(&[
        "Workforce",
        "Quality",
        "Finance",
        "Digital",
        "Estates",
        "Research",
    ]);
    let mut s = format!(
        "---\ntitle: \"{topic} Programme Update {}\"\nsubtitle: Synthetic Alliance common board paper\n\
         version: Draft v{}\ndate: 2023-11-{:02}\nsignoff: Alex Example\npurpose: {}\nanalysis:\n",
        n + 1,
        rng.range(1, 4),
        rng.range(1, 19),
        sentence(rng, 20),
    );
    for _ in 0..rng.range(2, 4) {
        let _ = writeln!(s, "  - {}", sentence(rng, 25));
    }
    let _ = writeln!(s, "proposal: {}", sentence(rng, 30));
    s.push_str("decision-lead: \"The Boards are asked to:\"\nrecommendations:\n");
    for r in 1..=recs {
        let _ = writeln!(s, "  r{r}: {}", sentence(rng, 14));
    }
    s.push_str("governance:\n");
    let mut keys: Vec<&str> = Vec::new();
    for t in to {
        for row in &t.rows {
            if row != "alignment" && !keys.contains(&row.as_str()) {
                keys.push(row);
            }
        }
    }
    for key in &keys {
        let value = match *key {
            "assurance" => "assured".to_string(),
            "submitted" => "2023-11-20".to_string(),
            _ => sentence(rng, 6),
        };
        let _ = writeln!(s, "  {key}: {value}");
    }
    let objs: Vec<&str> = OBJECTIVES
        .iter()
        .filter(|_| rng.chance(60))
        .map(|o| o.0)
        .collect();
    let _ = writeln!(s, "objectives: [{}]", objs.join(", "));
    if subset {
        let ids: Vec<&str> = to.iter().map(|t| t.id.as_str()).collect();
        let _ = writeln!(s, "trusts: [{}]", ids.join(", "));
    }
    let _ = writeln!(s, "confidential: {}", rng.chance(10));
    let variants: Vec<&&Trust> = to.iter().filter(|t| t.four_level).collect();
    if !variants.is_empty() {
        s.push_str("variants:\n");
        for t in variants {
            let _ = writeln!(
                s,
                "  {}:\n    governance:\n      assurance: reasonable",
                t.id
            );
        }
    }
    s
}

/// 5–20 pages of body: about 380 words of running text make a page.
fn body(rng: &mut Rng, s: &mut String, to: &[&Trust], recs: usize) {
    let pages = rng.range(5, 20);
    // A section (with the front sheet's share) makes about two pages.
    let sections = (pages / 2).max(2);
    let mentions = rng.chance(30);
    let mut notes = 0;
    for sec in 0..sections {
        let _ = writeln!(s, "# {}\n", title(rng));
        if sec == 0 && mentions {
            s.push_str("This copy is for the {{ trust.name }} ({{ trust.short }}).\n\n");
        }
        for sub in 0..2 {
            if sub == 1 {
                let _ = writeln!(s, "## {}\n", title(rng));
            }
            for _ in 0..2 {
                notes += paragraph(rng, s, notes);
            }
            match rng.range(0, 3) {
                0 => list(rng, s),
                1 => table(rng, s),
                _ => notes += paragraph(rng, s, notes),
            }
        }
        if rng.chance(40) {
            let t = to[rng.range(0, to.len() - 1)];
            let _ = writeln!(
                s,
                "{{% if trust.id == \"{}\" %}}\n{}\n{{% endif %}}\n",
                t.id,
                sentence(rng, 40)
            );
        }
        for r in (1..=recs).filter(|r| r % sections == sec % sections) {
            let _ = writeln!(s, "{{{{ recommendation(\"r{r}\") }}}}\n");
        }
    }
    for i in 1..=notes {
        let _ = writeln!(s, "[^{i}]: {}", sentence(rng, 12));
    }
}

/// A paragraph, sometimes with a footnote; returns the footnotes added.
fn paragraph(rng: &mut Rng, s: &mut String, notes: usize) -> usize {
    let words = rng.range(50, 90);
    let mut text = sentence(rng, words);
    if rng.chance(30) {
        text.insert_str(text.len() - 1, " **as agreed**");
    }
    let note = rng.chance(20);
    if note {
        let _ = write!(text, "[^{}]", notes + 1);
    }
    let _ = writeln!(s, "{text}\n");
    usize::from(note)
}

fn list(rng: &mut Rng, s: &mut String) {
    for _ in 0..rng.range(3, 7) {
        let words = rng.range(6, 18);
        let _ = writeln!(s, "- {}", sentence(rng, words));
    }
    s.push('\n');
}

fn table(rng: &mut Rng, s: &mut String) {
    let cols = rng.range(3, 5);
    let heads = ["Workstream", "Lead", "Status", "Due", "Notes"];
    let _ = writeln!(s, "| {} |", heads[..cols].join(" | "));
    let _ = writeln!(s, "|{}", "---|".repeat(cols));
    for _ in 0..rng.range(3, 9) {
        let mut cells = vec![title(rng), rng.pick(PLACES).to_string()];
        cells.push(rng.pick(&["High", "Medium", "Low"]).to_string());
        cells.push(format!("Q{} 2024", rng.range(1, 4)));
        cells.push(sentence(rng, 8));
        let _ = writeln!(s, "| {} |", cells[..cols].join(" | "));
    }
    s.push('\n');
}

fn title(rng: &mut Rng) -> String {
    let words = rng.range(2, 4);
    let mut t = sentence(rng, words);
    t.pop();
    t
}

/// `words` words, capitalised, ending with a full stop.
fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words.max(1) {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push('.');
    out
}
