//! Deadlines per second: `due` for random creation instants (2020–2040) and the three
//! priorities of the reference policy. Target: at least 1,000,000 a second on one core.

use calculator::Policy;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;

/// A deterministic stream of instants between 2020 and 2040 (xorshift).
fn instants(count: usize) -> Vec<i64> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..count)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            1_577_836_800 + (state % 662_688_000) as i64
        })
        .collect()
}

fn due(c: &mut Criterion) {
    let policy = Policy::from_yaml(include_str!("../tests/policies/colombia.yaml")).unwrap();
    let madrid = Policy::from_yaml(
        &include_str!("../tests/policies/colombia.yaml").replace("America/Bogota", "Europe/Madrid"),
    )
    .unwrap();
    let created = instants(10_000);
    let mut group = c.benchmark_group("due");
    group.throughput(Throughput::Elements((created.len() * 3) as u64));
    for (name, policy) in [("bogota", &policy), ("madrid", &madrid)] {
        group.bench_function(format!("{name}/all_priorities"), |b| {
            b.iter_batched(
                || created.clone(),
                |created| {
                    for &t in &created {
                        for p in policy.priorities() {
                            black_box(policy.due(black_box(t), p.resolution.0).unwrap());
                        }
                    }
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
    c.bench_function("policy/from_yaml", |b| {
        b.iter(|| Policy::from_yaml(black_box(include_str!("../tests/policies/colombia.yaml"))).unwrap())
    });
}

criterion_group!(benches, due);
criterion_main!(benches);
