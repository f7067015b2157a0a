import { describe, expect, it } from 'vitest';
import { greedyAssignments, MAX_SCORE, planAssignments, type PlanRequest, type PlanVolunteer } from './plan.js';

/** A small deterministic random generator, so that a failing case can be replayed by its seed. */
function random(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

/** Every subset of request–volunteer pairs that respects places and capacities: the best (filled, score). */
function bruteForce(requests: PlanRequest[], volunteers: PlanVolunteer[]) {
  const pairs = requests.flatMap((r) => r.candidates.map((c) => ({ r: r.id, v: c.volunteerId, score: c.score })));
  const capacity = new Map(volunteers.map((v) => [v.id, v.capacity]));
  const places = new Map(requests.map((r) => [r.id, r.places]));
  let best = { filled: 0, score: 0 };
  const walk = (i: number, filled: number, score: number) => {
    if (filled > best.filled || (filled === best.filled && score > best.score)) best = { filled, score };
    if (i === pairs.length) return;
    const p = pairs[i]!;
    if (places.get(p.r)! > 0 && capacity.get(p.v)! > 0) {
      places.set(p.r, places.get(p.r)! - 1);
      capacity.set(p.v, capacity.get(p.v)! - 1);
      walk(i + 1, filled + 1, score + p.score);
      places.set(p.r, places.get(p.r)! + 1);
      capacity.set(p.v, capacity.get(p.v)! + 1);
    }
    walk(i + 1, filled, score);
  };
  walk(0, 0, 0);
  return best;
}

function randomCase(seed: number) {
  const rnd = random(seed);
  const volunteers = Array.from({ length: 1 + Math.floor(rnd() * 5) }, (_, j) => ({ id: `v${j}`, capacity: Math.floor(rnd() * 3) }));
  const requests = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => ({
    id: `r${i}`,
    places: 1 + Math.floor(rnd() * 2),
    candidates: volunteers.filter(() => rnd() < 0.6).map((v) => ({ volunteerId: v.id, score: Math.floor(rnd() * 5) * 250 })),
  }));
  return { requests, volunteers };
}

function checkFeasible(plan: ReturnType<typeof planAssignments>, requests: PlanRequest[], volunteers: PlanVolunteer[]) {
  const perVolunteer = new Map<string, number>();
  const perRequest = new Map<string, number>();
  const pairs = new Set<string>();
  for (const a of plan.assignments) {
    perVolunteer.set(a.volunteerId, (perVolunteer.get(a.volunteerId) ?? 0) + 1);
    perRequest.set(a.requestId, (perRequest.get(a.requestId) ?? 0) + 1);
    const key = `${a.requestId}/${a.volunteerId}`;
    expect(pairs.has(key), `${key} assigned twice`).toBe(false);
    pairs.add(key);
    const request = requests.find((r) => r.id === a.requestId)!;
    expect(request.candidates.some((c) => c.volunteerId === a.volunteerId && c.score === a.score)).toBe(true);
  }
  for (const v of volunteers) expect(perVolunteer.get(v.id) ?? 0).toBeLessThanOrEqual(v.capacity);
  for (const r of requests) {
    expect(perRequest.get(r.id) ?? 0).toBeLessThanOrEqual(r.places);
    const open = plan.unassigned.find((u) => u.requestId === r.id)?.openPlaces ?? 0;
    expect(open).toBe(r.places - (perRequest.get(r.id) ?? 0));
  }
}

describe('planAssignments', () => {
  it('fills more places rather than a higher score on fewer places', () => {
    // Greedy takes Amira for r1 (score 1000) and leaves r2 empty; the plan gives r1 Ben and r2 Amira.
    const volunteers = [
      { id: 'amira', capacity: 1 },
      { id: 'ben', capacity: 1 },
    ];
    const requests = [
      { id: 'r1', places: 1, candidates: [{ volunteerId: 'amira', score: 1000 }, { volunteerId: 'ben', score: 100 }] },
      { id: 'r2', places: 1, candidates: [{ volunteerId: 'amira', score: 900 }] },
    ];
    const plan = planAssignments(requests, volunteers);
    expect(plan.filledPlaces).toBe(2);
    expect(plan.totalScore).toBe(1000);
    expect(plan.assignments).toEqual(
      expect.arrayContaining([
        { requestId: 'r1', volunteerId: 'ben', score: 100 },
        { requestId: 'r2', volunteerId: 'amira', score: 900 },
      ]),
    );
    const greedy = greedyAssignments(requests, volunteers);
    expect(greedy.filledPlaces).toBe(1);
  });

  it('maximises the total score among plans that fill the same number of places', () => {
    const volunteers = [
      { id: 'a', capacity: 1 },
      { id: 'b', capacity: 1 },
    ];
    const requests = [
      { id: 'r1', places: 1, candidates: [{ volunteerId: 'a', score: 800 }, { volunteerId: 'b', score: 700 }] },
      { id: 'r2', places: 1, candidates: [{ volunteerId: 'a', score: 900 }, { volunteerId: 'b', score: 100 }] },
    ];
    const plan = planAssignments(requests, volunteers);
    expect(plan.totalScore).toBe(1600);
    expect(plan.assignments).toEqual(expect.arrayContaining([{ requestId: 'r1', volunteerId: 'b', score: 700 }]));
  });

  it('respects each volunteer capacity and never puts a volunteer twice on one request', () => {
    const volunteers = [{ id: 'a', capacity: 2 }];
    const requests = [
      { id: 'r1', places: 3, candidates: [{ volunteerId: 'a', score: 500 }, { volunteerId: 'a', score: 600 }] },
      { id: 'r2', places: 1, candidates: [{ volunteerId: 'a', score: 100 }] },
      { id: 'r3', places: 1, candidates: [{ volunteerId: 'a', score: 50 }] },
    ];
    const plan = planAssignments(requests, volunteers);
    expect(plan.filledPlaces).toBe(2);
    expect(plan.assignments.filter((a) => a.requestId === 'r1')).toEqual([{ requestId: 'r1', volunteerId: 'a', score: 600 }]);
    expect(plan.unassigned).toEqual(expect.arrayContaining([{ requestId: 'r1', openPlaces: 2 }]));
  });

  it('handles no requests, no candidates and volunteers without free capacity', () => {
    expect(planAssignments([], []).assignments).toEqual([]);
    const plan = planAssignments([{ id: 'r', places: 2, candidates: [{ volunteerId: 'x', score: 10 }] }], [{ id: 'x', capacity: 0 }]);
    expect(plan).toMatchObject({ filledPlaces: 0, totalScore: 0, unassigned: [{ requestId: 'r', openPlaces: 2 }] });
  });

  it('equals brute force on 400 random small cases', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const { requests, volunteers } = randomCase(seed);
      const plan = planAssignments(requests, volunteers);
      const best = bruteForce(requests, volunteers);
      checkFeasible(plan, requests, volunteers);
      expect({ seed, filled: plan.filledPlaces, score: plan.totalScore }).toEqual({ seed, filled: best.filled, score: best.score });
    }
  });

  it('stays exact when candidate lists are cut short and the certificate must widen them', () => {
    // With no extra candidates in the first round, every request needs arcs beyond its prefix.
    for (let seed = 1000; seed < 1300; seed++) {
      const { requests, volunteers } = randomCase(seed);
      const plan = planAssignments(requests, volunteers, { initialExtra: 0 });
      const best = bruteForce(requests, volunteers);
      checkFeasible(plan, requests, volunteers);
      expect({ seed, filled: plan.filledPlaces, score: plan.totalScore }).toEqual({ seed, filled: best.filled, score: best.score });
    }
    // A case where the first round is provably not enough: r1's best candidates are all taken by r0.
    const volunteers = Array.from({ length: 6 }, (_, j) => ({ id: `v${j}`, capacity: 1 }));
    const requests = [
      { id: 'r0', places: 3, candidates: [0, 1, 2].map((j) => ({ volunteerId: `v${j}`, score: MAX_SCORE })) },
      { id: 'r1', places: 1, candidates: [0, 1, 2, 3, 4, 5].map((j) => ({ volunteerId: `v${j}`, score: 900 - j })) },
    ];
    const plan = planAssignments(requests, volunteers, { initialExtra: 0 });
    expect(plan.filledPlaces).toBe(4);
    expect(plan.totalScore).toBe(3 * MAX_SCORE + 897);
    expect(plan.rounds).toBeGreaterThan(1);
  });
});
