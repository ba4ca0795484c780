/**
 * Disjoint sets over the integers 0..size-1 (union by size, path halving):
 * near-constant time per operation, two typed arrays of memory.
 *
 * @internal
 */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly setSize: Int32Array;

  constructor(size: number) {
    this.parent = new Int32Array(size);
    this.setSize = new Int32Array(size).fill(1);
    for (let i = 0; i < size; i++) {
      this.parent[i] = i;
    }
  }

  /** The representative of the set holding `x`. */
  find(x: number): number {
    const parent = this.parent;
    let node = x;
    while (parent[node] !== node) {
      parent[node] = parent[parent[node]];
      node = parent[node];
    }
    return node;
  }

  /** Merges the sets of `a` and `b`; returns the new representative. */
  union(a: number, b: number): number {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) {
      return rootA;
    }
    if (this.setSize[rootA] < this.setSize[rootB]) {
      [rootA, rootB] = [rootB, rootA];
    }
    this.parent[rootB] = rootA;
    this.setSize[rootA] += this.setSize[rootB];
    return rootA;
  }
}
