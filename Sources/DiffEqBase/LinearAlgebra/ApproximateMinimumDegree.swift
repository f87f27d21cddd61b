/// A fill-reducing ordering of a symmetric sparsity pattern by approximate minimum degree
/// (AMD: Amestoy, Davis & Duff, SIAM J. Matrix Anal. Appl. 17(4), 1996).
///
/// Eliminating node `p` of the graph `G` of a symmetric matrix joins all its neighbours into
/// a clique, the fill of Gaussian elimination; choosing at each step a node of least degree
/// keeps that fill small. AMD works on the *quotient graph*: an eliminated node becomes an
/// *element* `e` standing for the clique of its variables `L_e`, so the graph never grows.
/// A variable `i` keeps the elements `E_i` it belongs to and the variables `A_i` it is still
/// directly joined to; its degree is `|A_i ∪ ⋃_{e ∈ E_i} L_e|` minus itself. Eliminating `p`
/// makes the element `L_p = (A_p ∪ ⋃_{e ∈ E_p} L_e) \ {p}` and absorbs the elements of
/// `E_p`. Exact degrees are too costly; AMD uses the bound, for `i ∈ L_p`,
///
///     d_i ≤ min( n − k − |i|,
///                d_i^old + |L_p \ i|,
///                |A_i \ i| + |L_p \ i| + Σ_{e ∈ E_i \ p} |L_e \ L_p| )
///
/// (`k` the number of nodes eliminated, `|i|` the size of supervariable `i`) with
/// `|L_e \ L_p|` computed for all elements at once by one scan of the variables of
/// `L_p`. Also here: *supervariables* (variables with the same `E_i` and `A_i`, found by
/// hashing, are merged and eliminated together), *mass elimination* (a variable of `L_p` with
/// nothing outside `L_p` is eliminated with `p`), *aggressive absorption* (an element with
/// `L_e ⊆ L_p` is absorbed into `p`), and *dense nodes* (degree above `max(16, 10√n)`) set
/// aside and ordered last.
///
/// For a square unsymmetric matrix the ordering is of the pattern of `A + Aᵀ`, as KLU does:
/// a good column order when the pattern is (nearly) symmetric, the case of ODE Jacobians.
public struct ApproximateMinimumDegree: Sendable, Equatable {
  /// The ordering: `permutation[k]` is the node eliminated `k`-th.
  public let permutation: [Int]
  /// Where each node goes: `inversePermutation[permutation[k]] = k`.
  public let inversePermutation: [Int]
  /// How many nodes were treated as dense and ordered last.
  public let denseCount: Int

  /// The AMD ordering of the pattern of `A + Aᵀ` (the diagonal ignored); `nil` when `A` is
  /// not square.
  public init?(pattern a: SparseMatrixCSC) {
    guard a.isSquare else { return nil }
    let n = a.rows
    var adjacency = [[Int]](repeating: [], count: n)
    for j in 0..<n {
      for p in a.columnPointers[j]..<a.columnPointers[j + 1] {
        let i = a.rowIndices[p]
        if i == j { continue }
        adjacency[i].append(j)
        adjacency[j].append(i)
      }
    }
    self.init(uncheckedAdjacency: adjacency)
  }

  /// The AMD ordering of the graph with the given neighbour lists (`adjacency[i]` lists the
  /// neighbours of node `i`; the graph is made symmetric, self-loops and repeats ignored).
  /// `nil` when a neighbour lies outside `0 ..< adjacency.count`.
  public init?(adjacency: [[Int]]) {
    let n = adjacency.count
    var symmetric = [[Int]](repeating: [], count: n)
    for (i, list) in adjacency.enumerated() {
      for j in list {
        guard j >= 0, j < n else { return nil }
        if j == i { continue }
        symmetric[i].append(j)
        symmetric[j].append(i)
      }
    }
    self.init(uncheckedAdjacency: symmetric)
  }

  /// The ordering of a graph whose lists are symmetric, in range and without self-loops
  /// (repeats allowed).
  init(uncheckedAdjacency adjacency: [[Int]]) {
    var graph = QuotientGraph(adjacency: adjacency)
    let order = graph.order()
    permutation = order
    var inverse = [Int](repeating: 0, count: order.count)
    for (k, i) in order.enumerated() { inverse[i] = k }
    inversePermutation = inverse
    denseCount = graph.denseCount
  }
}

/// The quotient graph of AMD and its elimination loop (see ``ApproximateMinimumDegree``).
private struct QuotientGraph {
  /// What a node currently is.
  enum Kind: UInt8 {
    /// An uneliminated (principal) variable.
    case variable
    /// An element: an eliminated variable standing for the clique of its `L_e`.
    case element
    /// Gone: an absorbed element, a variable merged into a supervariable or mass-eliminated,
    /// or a dense node set aside.
    case dead
  }

  let n: Int
  var kind: [Kind]
  /// Supervariable size `|i|` (number of original nodes it stands for); 0 once merged away.
  var weight: [Int]
  /// `E_i` of a variable (may still list dead elements, pruned lazily).
  var elements: [[Int]]
  /// `A_i` of a variable, or `L_e` of an element (may list dead nodes, pruned lazily).
  var variables: [[Int]]
  /// `|L_e|` (weighted) of an element.
  var elementWeight: [Int]
  /// Approximate external degree of a variable.
  var degree: [Int]
  /// Degree lists: `head[d]` is a variable of degree `d`, doubly linked through next/previous.
  var head: [Int]
  var next: [Int]
  var previous: [Int]
  /// Marks by stamp: `mark[i] == stamp` while `i ∈ L_p`, or in a list being compared.
  var mark: [Int]
  var stamp = 0
  /// `|L_e \ L_p|` of the elements met this step (valid when `wMark[e] == wStamp`).
  var w: [Int]
  var wMark: [Int]
  var wStamp = 0
  /// Hash of `E_i ∪ A_i` for supervariable detection, and its buckets.
  var hash: [Int]
  var hashHead: [Int]
  var hashNext: [Int]
  /// The original nodes each supervariable stands for, as linked lists.
  var chainNext: [Int]
  var chainTail: [Int]
  /// Nodes with more than the dense threshold of neighbours, ordered last.
  var denseNodes: [Int] = []
  var denseCount: Int { denseNodes.count }

  init(adjacency: [[Int]]) {
    n = adjacency.count
    kind = [Kind](repeating: .variable, count: n)
    weight = [Int](repeating: 1, count: n)
    elements = [[Int]](repeating: [], count: n)
    elementWeight = [Int](repeating: 0, count: n)
    degree = [Int](repeating: 0, count: n)
    head = [Int](repeating: -1, count: n + 1)
    next = [Int](repeating: -1, count: n)
    previous = [Int](repeating: -1, count: n)
    mark = [Int](repeating: 0, count: n)
    w = [Int](repeating: 0, count: n)
    wMark = [Int](repeating: 0, count: n)
    hash = [Int](repeating: 0, count: n)
    hashHead = [Int](repeating: -1, count: n)
    hashNext = [Int](repeating: -1, count: n)
    chainNext = [Int](repeating: -1, count: n)
    chainTail = Array(0..<n)
    // Neighbour lists without repeats; dense nodes removed from the graph.
    var lists = adjacency
    for i in 0..<n {
      stamp += 1
      var unique = [Int]()
      unique.reserveCapacity(lists[i].count)
      for j in lists[i] where mark[j] != stamp {
        mark[j] = stamp
        unique.append(j)
      }
      lists[i] = unique
    }
    let threshold = max(16, Int(10 * Double(n).squareRoot()))
    for i in 0..<n where lists[i].count > threshold && n > 1 {
      kind[i] = .dead
      denseNodes.append(i)
    }
    if !denseNodes.isEmpty {
      let isDense = kind.map { $0 == .dead }
      for i in 0..<n where !isDense[i] {
        lists[i].removeAll { isDense[$0] }
      }
    }
    variables = lists
  }

  /// Inserts variable `i` in the list of degree `d`.
  mutating func insert(_ i: Int, degree d: Int) {
    degree[i] = d
    let h = head[d]
    next[i] = h
    previous[i] = -1
    if h >= 0 { previous[h] = i }
    head[d] = i
  }

  /// Removes variable `i` from its degree list.
  mutating func remove(_ i: Int) {
    let before = previous[i]
    let after = next[i]
    if after >= 0 { previous[after] = before }
    if before >= 0 { next[before] = after } else { head[degree[i]] = after }
  }

  /// Appends the nodes of supervariable `i` to `order`.
  func emit(_ i: Int, into order: inout [Int]) {
    var k = i
    while k >= 0 {
      order.append(k)
      k = chainNext[k]
    }
  }

  /// Runs the elimination; returns the ordering (dense nodes last).
  mutating func order() -> [Int] {
    var order = [Int]()
    order.reserveCapacity(n)
    let active = n - denseNodes.count
    for i in 0..<n where kind[i] == .variable {
      insert(i, degree: variables[i].count)
    }
    var eliminated = 0
    var minimumDegree = 0
    var pivotList = [Int]()
    while eliminated < active {
      // 1. A variable of least approximate degree.
      while head[minimumDegree] < 0 { minimumDegree += 1 }
      let p = head[minimumDegree]
      remove(p)
      emit(p, into: &order)
      eliminated += weight[p]

      // 2. The new element L_p = (A_p ∪ ⋃_{e ∈ E_p} L_e) \ {p}; E_p is absorbed into p.
      stamp += 1
      let inPivot = stamp
      mark[p] = inPivot
      pivotList.removeAll(keepingCapacity: true)
      for e in elements[p] where kind[e] == .element {
        for j in variables[e] where kind[j] == .variable && mark[j] != inPivot {
          mark[j] = inPivot
          pivotList.append(j)
          remove(j)
        }
        kind[e] = .dead
        variables[e] = []
      }
      for j in variables[p] where kind[j] == .variable && mark[j] != inPivot {
        mark[j] = inPivot
        pivotList.append(j)
        remove(j)
      }
      kind[p] = .element
      elements[p] = []

      // 3. |L_e \ L_p| = |L_e| − Σ_{i ∈ L_e ∩ L_p} |i| for every element next to L_p.
      wStamp += 1
      for i in pivotList {
        for e in elements[i] where kind[e] == .element {
          if wMark[e] != wStamp {
            wMark[e] = wStamp
            w[e] = elementWeight[e]
          }
          w[e] -= weight[i]
        }
      }
      // Aggressive absorption: L_e ⊆ L_p.
      for i in pivotList {
        for e in elements[i] where kind[e] == .element && w[e] == 0 {
          kind[e] = .dead
          variables[e] = []
        }
      }

      // 4. Prune E_i and A_i, bound the external degree outside L_p, mass-eliminate.
      for i in pivotList {
        var degreeOutside = 0
        var h = 0
        var list = [Int]()
        swap(&list, &elements[i])
        var kept = 0
        for e in list where kind[e] == .element {
          list[kept] = e
          kept += 1
          degreeOutside += w[e]
          h &+= e
        }
        list.removeLast(list.count - kept)
        swap(&list, &elements[i])
        swap(&list, &variables[i])
        kept = 0
        for j in list where kind[j] == .variable && mark[j] != inPivot {
          list[kept] = j
          kept += 1
          degreeOutside += weight[j]
          h &+= j
        }
        list.removeLast(list.count - kept)
        swap(&list, &variables[i])
        if degreeOutside == 0 {
          // Mass elimination: i's only neighbours are in L_p; it goes with p.
          kind[i] = .dead
          emit(i, into: &order)
          eliminated += weight[i]
          weight[i] = 0
          elements[i] = []
        } else {
          degree[i] = min(degree[i], degreeOutside)
          elements[i].append(p)
          hash[i] = Int(UInt(bitPattern: h) % UInt(n))
        }
      }

      // 5. Supervariables: variables of L_p with the same E_i and A_i are merged.
      for i in pivotList where kind[i] == .variable {
        hashNext[i] = hashHead[hash[i]]
        hashHead[hash[i]] = i
      }
      for i in pivotList where kind[i] == .variable {
        var a = hashHead[hash[i]]
        if a < 0 { continue }
        hashHead[hash[i]] = -1
        while a >= 0 {
          if kind[a] == .variable {
            stamp += 1
            for e in elements[a] { mark[e] = stamp }
            for j in variables[a] { mark[j] = stamp }
            var b = hashNext[a]
            while b >= 0 {
              if kind[b] == .variable && isIndistinguishable(b, count: a) {
                weight[a] += weight[b]
                weight[b] = 0
                kind[b] = .dead
                chainNext[chainTail[a]] = b
                chainTail[a] = chainTail[b]
                elements[b] = []
                variables[b] = []
              }
              b = hashNext[b]
            }
          }
          a = hashNext[a]
        }
      }

      // 6. The element's final L_p and the variables' new degrees:
      //    d_i = min(d_i^old or degree outside L_p, …) + |L_p \ i|, at most n − k − |i|.
      var kept = 0
      var pivotWeight = 0
      for i in pivotList where kind[i] == .variable {
        pivotList[kept] = i
        kept += 1
        pivotWeight += weight[i]
      }
      pivotList.removeLast(pivotList.count - kept)
      let left = active - eliminated
      for i in pivotList {
        let d = max(0, min(degree[i] + pivotWeight - weight[i], left - weight[i]))
        insert(i, degree: d)
        minimumDegree = min(minimumDegree, d)
      }
      variables[p] = pivotList
      elementWeight[p] = pivotWeight
      if pivotList.isEmpty { kind[p] = .dead }
    }
    order.append(contentsOf: denseNodes)
    return order
  }

  /// Whether variable `b` has the same `E` and `A` lists as the one whose entries are marked
  /// with the current stamp (and `count`'s lengths).
  func isIndistinguishable(_ b: Int, count a: Int) -> Bool {
    guard elements[b].count == elements[a].count, variables[b].count == variables[a].count
    else { return false }
    for e in elements[b] where mark[e] != stamp { return false }
    for j in variables[b] where mark[j] != stamp { return false }
    return true
  }
}
