/// The shape of a node of a ``MultiScaleArray``: how many values it holds itself, the shapes
/// of its children, and its total length in the flat storage.
public struct MultiScaleLayout: Sendable, Equatable {
  /// The node's own number of values.
  public var ownCount: Int
  /// The children's layouts.
  public var children: [MultiScaleLayout]
  /// Own values plus every descendant's.
  public private(set) var length: Int

  /// A layout with `ownCount` values of its own and `children`.
  public init(ownCount: Int, children: [MultiScaleLayout]) {
    self.ownCount = ownCount
    self.children = children
    length = ownCount + children.reduce(0) { $0 + $1.length }
  }

  /// Recomputes ``length`` after a change below.
  mutating func updateLength() {
    length = ownCount + children.reduce(0) { $0 + $1.length }
  }

  /// The offset, relative to this node's start, of the node at `path` (child indices from
  /// here), or `nil` when the path leaves the tree.
  func offset(of path: ArraySlice<Int>) -> Int? {
    guard let first = path.first else { return 0 }
    guard first >= 0 && first < children.count else { return nil }
    var offset = ownCount
    for c in 0..<first { offset += children[c].length }
    guard let rest = children[first].offset(of: path.dropFirst()) else { return nil }
    return offset + rest
  }

  /// The layout at `path`, or `nil`.
  func node(at path: ArraySlice<Int>) -> MultiScaleLayout? {
    guard let first = path.first else { return self }
    guard first >= 0 && first < children.count else { return nil }
    return children[first].node(at: path.dropFirst())
  }

  /// Inserts `layout` as child `path.last` of the node at `path.dropLast()`.
  mutating func insert(_ layout: MultiScaleLayout, at path: ArraySlice<Int>) {
    if path.count == 1 {
      children.insert(layout, at: path[path.startIndex])
    } else {
      children[path[path.startIndex]].insert(layout, at: path.dropFirst())
    }
    updateLength()
  }

  /// Removes the node at `path`.
  mutating func remove(at path: ArraySlice<Int>) {
    if path.count == 1 {
      children.remove(at: path[path.startIndex])
    } else {
      children[path[path.startIndex]].remove(at: path.dropFirst())
    }
    updateLength()
  }

  /// Appends the start offset and count of every leaf below (depth first: childless nodes
  /// with values), this node starting at `base`.
  func collectLeaves(base: Int, starts: inout [Int], counts: inout [Int]) {
    if children.isEmpty {
      // A childless node with no values (a population whose cells all died) is no leaf.
      if ownCount > 0 {
        starts.append(base)
        counts.append(ownCount)
      }
      return
    }
    var offset = base + ownCount
    for child in children {
      child.collectLeaves(base: offset, starts: &starts, counts: &counts)
      offset += child.length
    }
  }
}
