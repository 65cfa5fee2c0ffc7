//! Throughput of the segmenter (and of the spoken form) on news paragraphs.
//!
//!     cargo bench --bench segment
//!
//! The corpus is news-style English written for this bench (abbreviations, times, amounts,
//! quotations), repeated to about 1 MB; `LISTEN_BENCH_TEXT=FILE` benchmarks a file of your own
//! instead (paragraphs separated by blank lines).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const NEWS: &[&str] = &[
    "Port-au-Prince, Haiti – On Saturday, Jan. 18, 2025, 270 additional Kenyan soldiers departed Nairobi aboard a Kenya Airways flight at 2:00 a.m. local time. They landed later that day to reinforce the Multinational Security Support Mission (MSSM). The U.S. State Department said the mission had cost approx. $1.5 billion so far.",
    "Gen. Mark Milley told Sen. Jack Reed that the Army would review the plan. \u{201c}We are not there yet,\u{201d} he said. Lt. Col. Sarah Jones, a spokeswoman, added that the review would take until Feb. 3. The Pentagon did not comment further.",
    "Shares of Acme Corp. fell 4.3% on Tuesday after the company cut its forecast. Analysts at J.P. Morgan Chase & Co. said the stock could fall further. \u{201c}It's a tough quarter,\u{201d} said Dr. Alan Smith, who follows the sector for Foo Inc. in New York.",
    "The vote, which was 51-49, came after midnight. Rep. Nancy Pelosi (D., Calif.) called it \u{201c}a shameful moment.\u{201d} Others disagreed. The bill now goes to the president, who is expected to sign it on Friday at 10 a.m. EST.",
    "Temperatures reached 35 \u{b0}C in Madrid, the highest since 2019. Officials urged residents to stay indoors between 12 p.m. and 5 p.m. In Seville, the heat closed schools for three days; hospitals reported 120 cases of heatstroke.",
    "According to the report (see p. 12), the number of cases rose from 1,200 in 2020 to 4,500 in 2024. That is an increase of about 275 percent. The authors, led by Prof. Maria Garcia of the University of Texas, said more data was needed... The full study is at www.example.org/study.html.",
    "King Charles III visited No. 10 Downing Street on Wednesday. He met Prime Minister Keir Starmer for about 45 minutes. Their talks covered trade, defense and the situation in the Middle East, a palace spokesman said.",
    "Police in St. Louis said a man was arrested on Main St. near the river. He was charged with robbery. A police spokesman, Sgt. Tom Brown, said the suspect had been identified through video footage. \u{201c}We got him,\u{201d} Brown said. The investigation continues.",
];

fn corpus() -> String {
    if let Ok(path) = std::env::var("LISTEN_BENCH_TEXT") {
        match std::fs::read_to_string(&path) {
            Ok(t) => return t,
            Err(e) => eprintln!("segment bench: {path}: {e}; using the built-in corpus"),
        }
    }
    let mut s = String::new();
    while s.len() < 1_000_000 {
        for p in NEWS {
            s.push_str(p);
            s.push_str("\n\n");
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("news_paragraphs", |b| {
        let mut out = Vec::with_capacity(64);
        b.iter(|| {
            let mut n = 0;
            for p in &paragraphs {
                out.clear();
                listen::segment::sentences_into(black_box(p), "en", &mut out);
                n += out.len();
            }
            n
        })
    });
    g.bench_function("news_whole_text", |b| {
        b.iter(|| listen::segment::sentences(black_box(&text), "en").len())
    });
    g.finish();

    // The spoken form of every sentence of the same text.
    let sentences: Vec<&str> = paragraphs
        .iter()
        .flat_map(|p| {
            listen::segment::sentences(p, "en")
                .into_iter()
                .map(move |r| &p[r])
        })
        .collect();
    let mut g = c.benchmark_group("spoken");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("news_sentences", |b| {
        let ctx = listen::speech::Context::default();
        b.iter(|| {
            sentences
                .iter()
                .map(|s| {
                    listen::speech::normalize(black_box(s), "en", &ctx)
                        .text
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
