/**
 * The plan for many requests at once: an exact minimum-cost maximum flow.
 *
 * Network: source → request (capacity = open places) → volunteer (capacity 1, cost = MAX − score)
 * → sink (capacity = the volunteer's free agreements). Every unit of flow crosses exactly one
 * request→volunteer arc, so among flows of the largest value the cheapest one has the largest total
 * score: the plan first fills as many places as possible, then maximises the total score.
 *
 * Solved by the primal-dual method (Dijkstra on reduced costs, then augmenting along every
 * zero-reduced-cost path before the next Dijkstra). To stay fast with thousands of candidates per
 * request, each request starts with its best candidates only; the result is then checked against
 * every candidate left out, with the final node potentials as an optimality certificate: an arc left
 * out may neither have a negative reduced cost nor open a path to the sink. Arcs that fail the check
 * are added and the flow is solved again, so the answer is exact, not a heuristic.
 */

/** Scores are integers from 0 to MAX_SCORE (the caller scales its 0–100 score). */
export const MAX_SCORE = 1000;

export interface PlanRequest {
  id: string;
  /** Places still to fill. */
  places: number;
  /** Eligible volunteers with their integer score (0…MAX_SCORE); volunteers not listed are excluded. */
  candidates: { volunteerId: string; score: number }[];
}

export interface PlanVolunteer {
  id: string;
  /** How many more agreements the volunteer can take. */
  capacity: number;
}

export interface Plan {
  assignments: { requestId: string; volunteerId: string; score: number }[];
  unassigned: { requestId: string; openPlaces: number }[];
  totalScore: number;
  filledPlaces: number;
  /** How often the flow was solved (1 when the first candidate lists were enough). */
  rounds: number;
}

const INF = Number.MAX_SAFE_INTEGER;

class FlowGraph {
  head: Int32Array;
  to: number[] = [];
  cap: number[] = [];
  cost: number[] = [];
  next: number[] = [];

  constructor(readonly nodes: number) {
    this.head = new Int32Array(nodes).fill(-1);
  }

  addArc(from: number, to: number, cap: number, cost: number): number {
    const e = this.to.length;
    this.to.push(to, from);
    this.cap.push(cap, 0);
    this.cost.push(cost, -cost);
    this.next.push(this.head[from]!, this.head[to]!);
    this.head[from] = e;
    this.head[to] = e + 1;
    return e;
  }
}

/** Binary min-heap of (key, node) pairs on typed arrays; stale entries are skipped by the caller. */
class Heap {
  private keys: Float64Array;
  private vals: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.vals = new Int32Array(capacity);
  }
  push(key: number, val: number) {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      this.keys = k;
      const v = new Int32Array(this.size * 2);
      v.set(this.vals);
      this.vals = v;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.keys[i] = this.keys[p]!;
      this.vals[i] = this.vals[p]!;
      i = p;
    }
    this.keys[i] = key;
    this.vals[i] = val;
  }
  /** Removes the smallest entry; `topKey`/`topVal` hold it afterwards. */
  topKey = 0;
  topVal = 0;
  pop() {
    this.topKey = this.keys[0]!;
    this.topVal = this.vals[0]!;
    const key = this.keys[--this.size]!;
    const val = this.vals[this.size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.keys[c + 1]! < this.keys[c]!) c++;
      if (this.keys[c]! >= key) break;
      this.keys[i] = this.keys[c]!;
      this.vals[i] = this.vals[c]!;
      i = c;
    }
    this.keys[i] = key;
    this.vals[i] = val;
  }
}

interface FlowResult {
  potential: Float64Array;
  reachable: Uint8Array;
}

/** Primal-dual minimum-cost maximum flow from `s` to `t`; costs must be non-negative at the start. */
function minCostMaxFlow(g: FlowGraph, s: number, t: number): FlowResult {
  const n = g.nodes;
  const potential = new Float64Array(n);
  const dist = new Float64Array(n);
  const reachable = new Uint8Array(n);
  const heap = new Heap(1024);
  const iter = new Int32Array(n);
  const onPath = new Uint8Array(n);
  const dead = new Uint8Array(n);

  for (;;) {
    // Dijkstra on reduced costs.
    dist.fill(INF);
    reachable.fill(0);
    dist[s] = 0;
    heap.size = 0;
    heap.push(0, s);
    while (heap.size > 0) {
      heap.pop();
      const u = heap.topVal;
      const d = heap.topKey;
      if (d > dist[u]! || reachable[u]) continue;
      reachable[u] = 1;
      // Nodes farther than the sink are not needed for this phase's shortest paths.
      if (u === t) break;
      for (let e = g.head[u]!; e !== -1; e = g.next[e]!) {
        if (g.cap[e]! <= 0) continue;
        const v = g.to[e]!;
        const nd = d + g.cost[e]! + potential[u]! - potential[v]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          heap.push(nd, v);
        }
      }
    }
    let maxDist = 0;
    for (let v = 0; v < n; v++) if (reachable[v] && dist[v]! > maxDist) maxDist = dist[v]!;
    // Nodes not settled (beyond the sink, or unreachable) move by the largest settled distance:
    // that keeps every residual reduced cost ≥ 0, so the next Dijkstra stays valid.
    for (let v = 0; v < n; v++) potential[v] = potential[v]! + (reachable[v] ? dist[v]! : maxDist);
    if (!reachable[t]) return { potential, reachable };

    // Augment along zero-reduced-cost arcs until none is left (a blocking flow of this phase).
    dead.fill(0);
    for (let v = 0; v < n; v++) iter[v] = g.head[v]!;
    const stack: number[] = [];
    const arcs: number[] = [];
    for (;;) {
      stack.length = 0;
      arcs.length = 0;
      stack.push(s);
      onPath[s] = 1;
      let found = false;
      while (stack.length > 0) {
        const u = stack[stack.length - 1]!;
        if (u === t) {
          found = true;
          break;
        }
        let advanced = false;
        for (let e = iter[u]!; e !== -1; e = g.next[e]!) {
          iter[u] = e;
          const v = g.to[e]!;
          if (g.cap[e]! <= 0 || dead[v] || onPath[v]) continue;
          if (g.cost[e]! + potential[u]! - potential[v]! !== 0) continue;
          stack.push(v);
          arcs.push(e);
          onPath[v] = 1;
          advanced = true;
          break;
        }
        if (!advanced) {
          dead[u] = 1;
          onPath[u] = 0;
          stack.pop();
          arcs.pop();
          if (stack.length > 0) {
            const p = stack[stack.length - 1]!;
            iter[p] = g.next[iter[p]!]!;
          }
        }
      }
      for (const v of stack) onPath[v] = 0;
      if (!found) break;
      let push = INF;
      for (const e of arcs) push = Math.min(push, g.cap[e]!);
      for (const e of arcs) {
        g.cap[e] = g.cap[e]! - push;
        g.cap[e ^ 1] = g.cap[e ^ 1]! + push;
      }
    }
  }
}

interface CandidateList {
  /** Volunteer index per candidate, best score first (ties in the order given). */
  volunteer: Int32Array;
  score: Int32Array;
}

/**
 * Orders one request's candidates by score, best first, with a counting sort (scores are small
 * integers, so this is linear); a volunteer named twice counts once, with the better score.
 */
function candidateList(request: PlanRequest, volunteerIndex: Map<string, number>): CandidateList {
  const best = new Map<number, number>();
  for (const c of request.candidates) {
    const j = volunteerIndex.get(c.volunteerId);
    if (j === undefined || !Number.isInteger(c.score) || c.score < 0 || c.score > MAX_SCORE) continue;
    const known = best.get(j);
    if (known === undefined || c.score > known) best.set(j, c.score);
  }
  const counts = new Int32Array(MAX_SCORE + 2);
  for (const score of best.values()) counts[MAX_SCORE - score + 1]!++;
  for (let k = 1; k < counts.length; k++) counts[k] = counts[k]! + counts[k - 1]!;
  const volunteer = new Int32Array(best.size);
  const score = new Int32Array(best.size);
  for (const [j, sc] of best) {
    const at = counts[MAX_SCORE - sc]!++;
    volunteer[at] = j;
    score[at] = sc;
  }
  return { volunteer, score };
}

export function planAssignments(requests: PlanRequest[], volunteers: PlanVolunteer[], options: { initialExtra?: number } = {}): Plan {
  const volunteerIndex = new Map<string, number>();
  const capacities: number[] = [];
  const volunteerIds: string[] = [];
  for (const v of volunteers) {
    if (volunteerIndex.has(v.id)) continue;
    volunteerIndex.set(v.id, capacities.length);
    volunteerIds.push(v.id);
    capacities.push(Math.max(0, Math.floor(v.capacity)));
  }
  const lists = requests.map((r) => candidateList(r, volunteerIndex));
  const places = requests.map((r) => Math.max(0, Math.floor(r.places)));
  const extra = options.initialExtra ?? 32;
  // How many of each request's best candidates are in the graph (a prefix of the sorted list),
  // plus single arcs further down that the certificate asked for.
  const prefix = lists.map((list, i) => Math.min(list.volunteer.length, 2 * places[i]! + extra));
  const added = lists.map(() => new Set<number>());

  const R = requests.length;
  const V = capacities.length;
  const s = 0;
  const t = R + V + 1;
  const reqNode = (i: number) => 1 + i;
  const volNode = (j: number) => 1 + R + j;

  for (let round = 1; ; round++) {
    const g = new FlowGraph(R + V + 2);
    for (let i = 0; i < R; i++) if (places[i]! > 0) g.addArc(s, reqNode(i), places[i]!, 0);
    for (let j = 0; j < V; j++) if (capacities[j]! > 0) g.addArc(volNode(j), t, capacities[j]!, 0);
    const arcRequest: number[] = [];
    const arcCandidate: number[] = [];
    const arcId: number[] = [];
    for (let i = 0; i < R; i++) {
      const list = lists[i]!;
      const take = (k: number) => {
        arcRequest.push(i);
        arcCandidate.push(k);
        arcId.push(g.addArc(reqNode(i), volNode(list.volunteer[k]!), 1, MAX_SCORE - list.score[k]!));
      };
      for (let k = 0; k < prefix[i]!; k++) take(k);
      for (const k of added[i]!) if (k >= prefix[i]!) take(k);
    }
    const { potential, reachable } = minCostMaxFlow(g, s, t);

    // The certificate: no arc left out may lower the cost or reach the sink.
    let violations = 0;
    for (let i = 0; i < R; i++) {
      const list = lists[i]!;
      const u = reqNode(i);
      for (let k = prefix[i]!; k < list.volunteer.length; k++) {
        if (added[i]!.has(k)) continue;
        const v = volNode(list.volunteer[k]!);
        const reduced = MAX_SCORE - list.score[k]! + potential[u]! - potential[v]!;
        if (reduced < 0 || (reachable[u] && !reachable[v])) {
          violations++;
          if (reduced < 0) {
            // The request's own list was too short: widen it (doubling keeps the rounds few).
            prefix[i] = Math.min(list.volunteer.length, Math.max(2 * prefix[i]!, k + 1));
            break;
          }
          added[i]!.add(k);
        }
      }
    }
    if (violations === 0) {
      const assignments: Plan['assignments'] = [];
      const filled = new Array<number>(R).fill(0);
      for (let a = 0; a < arcId.length; a++) {
        if (g.cap[arcId[a]!] !== 0) continue;
        const i = arcRequest[a]!;
        const k = arcCandidate[a]!;
        assignments.push({ requestId: requests[i]!.id, volunteerId: volunteerIds[lists[i]!.volunteer[k]!]!, score: lists[i]!.score[k]! });
        filled[i]!++;
      }
      const unassigned = requests
        .map((r, i) => ({ requestId: r.id, openPlaces: places[i]! - filled[i]! }))
        .filter((u) => u.openPlaces > 0);
      return {
        assignments,
        unassigned,
        totalScore: assignments.reduce((sum, a) => sum + a.score, 0),
        filledPlaces: assignments.length,
        rounds: round,
      };
    }
  }
}

/** The greedy pass a person would make (best pair first), for comparison in the benchmark. */
export function greedyAssignments(requests: PlanRequest[], volunteers: PlanVolunteer[]): Omit<Plan, 'rounds'> {
  const left = new Map(volunteers.map((v) => [v.id, Math.max(0, Math.floor(v.capacity))]));
  const open = new Map(requests.map((r) => [r.id, Math.max(0, Math.floor(r.places))]));
  const pairs = requests.flatMap((r) => r.candidates.map((c) => ({ requestId: r.id, volunteerId: c.volunteerId, score: c.score })));
  pairs.sort((a, b) => b.score - a.score);
  const assignments: Plan['assignments'] = [];
  const taken = new Set<string>();
  for (const p of pairs) {
    if ((open.get(p.requestId) ?? 0) <= 0 || (left.get(p.volunteerId) ?? 0) <= 0) continue;
    const key = `${p.requestId}\u0000${p.volunteerId}`;
    if (taken.has(key)) continue;
    taken.add(key);
    assignments.push(p);
    open.set(p.requestId, open.get(p.requestId)! - 1);
    left.set(p.volunteerId, left.get(p.volunteerId)! - 1);
  }
  return {
    assignments,
    unassigned: [...open].filter(([, n]) => n > 0).map(([requestId, openPlaces]) => ({ requestId, openPlaces })),
    totalScore: assignments.reduce((sum, a) => sum + a.score, 0),
    filledPlaces: assignments.length,
  };
}
