//! Recycling of table allocations.
//!
//! Programs that build many small tables (records, tree nodes, short
//! arrays) free them by the thousand in each sweep and allocate as many again
//! before the next one. Handing the table object and its small array and hash
//! parts back to the next `new_table` costs a vector push and pop instead of
//! a trip through `malloc` and `free`. Only small parts are kept, and the
//! pool holds at most `budget` bytes: about what the last collection left
//! alive, so a program keeps at most twice its live tables' memory (the
//! collector's pause lets the heap reach that anyway).

use super::table::{Node, Table, EMPTY_NODE};
use super::value::Value;

/// Array parts of 1..=`SMALL_ARRAY` slots and hash parts of up to
/// 2^(`SMALL_HASH_LOG` - 1) nodes are recycled.
const SMALL_ARRAY: usize = 8;
const SMALL_HASH_LOG: usize = 4;
/// The budget before the first collection sets one.
const MIN_BUDGET: usize = 1 << 20;

/// Freed table objects and parts, ready for reuse.
pub(crate) struct TablePool {
    /// (Boxed on purpose: the boxes are the allocations being recycled.)
    #[allow(clippy::vec_box)]
    tables: Vec<Box<Table>>,
    /// `arrays[n - 1]`: array parts of exactly `n` slots.
    arrays: [Vec<Box<[Value]>>; SMALL_ARRAY],
    /// `nodes[k]`: hash parts of exactly 2^k nodes.
    nodes: [Vec<Box<[Node]>>; SMALL_HASH_LOG],
    /// Bytes held in the lists.
    held: usize,
    /// Most bytes to hold.
    budget: usize,
}

fn array_bytes(n: usize) -> usize {
    n * std::mem::size_of::<Value>()
}

fn node_bytes(n: usize) -> usize {
    n * std::mem::size_of::<Node>()
}

const TABLE_BYTES: usize = std::mem::size_of::<Table>();

impl TablePool {
    pub(crate) fn new() -> TablePool {
        TablePool {
            tables: Vec::new(),
            arrays: Default::default(),
            nodes: Default::default(),
            held: 0,
            budget: MIN_BUDGET,
        }
    }

    /// Set the byte budget (after a collection: the bytes it left alive).
    /// Entries beyond it are freed.
    pub(crate) fn set_budget(&mut self, live: usize) {
        self.budget = live.max(MIN_BUDGET);
        while self.held > self.budget {
            if self.tables.pop().is_some() {
                self.held -= TABLE_BYTES;
            } else if let Some(l) = self.arrays.iter_mut().rev().find(|l| !l.is_empty()) {
                let b = l.pop().expect("non-empty");
                self.held -= array_bytes(b.len());
            } else if let Some(l) = self.nodes.iter_mut().rev().find(|l| !l.is_empty()) {
                let b = l.pop().expect("non-empty");
                self.held -= node_bytes(b.len());
            } else {
                break;
            }
        }
    }

    /// Room for `n` more bytes?
    #[inline]
    fn room(&self, n: usize) -> bool {
        self.held + n <= self.budget
    }

    /// An array part of `n` nil slots.
    #[inline]
    pub(crate) fn array(&mut self, n: usize) -> Box<[Value]> {
        if (1..=SMALL_ARRAY).contains(&n) {
            if let Some(mut b) = self.arrays[n - 1].pop() {
                self.held -= array_bytes(n);
                b.fill(Value::Nil);
                return b;
            }
        }
        vec![Value::Nil; n].into_boxed_slice()
    }

    /// A hash part of `n` (0 or a power of two) empty nodes.
    #[inline]
    pub(crate) fn nodes(&mut self, n: usize) -> Box<[Node]> {
        let k = n.trailing_zeros() as usize;
        if n > 0 && k < SMALL_HASH_LOG {
            if let Some(mut b) = self.nodes[k].pop() {
                self.held -= node_bytes(n);
                b.fill(EMPTY_NODE);
                return b;
            }
        }
        vec![EMPTY_NODE; n].into_boxed_slice()
    }

    /// Take back an array part that is no longer used.
    #[inline]
    pub(crate) fn give_array(&mut self, b: Box<[Value]>) {
        let n = b.len();
        if (1..=SMALL_ARRAY).contains(&n) && self.room(array_bytes(n)) {
            self.held += array_bytes(n);
            self.arrays[n - 1].push(b);
        }
    }

    /// Take back a hash part that is no longer used.
    #[inline]
    pub(crate) fn give_nodes(&mut self, b: Box<[Node]>) {
        let n = b.len();
        let k = n.trailing_zeros() as usize;
        if n > 0 && k < SMALL_HASH_LOG && self.room(node_bytes(n)) {
            self.held += node_bytes(n);
            self.nodes[k].push(b);
        }
    }

    /// Box `t`, reusing a freed table object when there is one.
    #[inline]
    pub(crate) fn boxed(&mut self, t: Table) -> Box<Table> {
        match self.tables.pop() {
            Some(mut b) => {
                self.held -= TABLE_BYTES;
                *b = t;
                b
            }
            None => Box::new(t),
        }
    }

    /// Take back a dead table: its parts and the object itself.
    pub(crate) fn give_table(&mut self, mut b: Box<Table>) {
        let (array, node) = b.take_parts();
        self.give_array(array);
        self.give_nodes(node);
        if self.room(TABLE_BYTES) {
            self.held += TABLE_BYTES;
            self.tables.push(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_come_back_cleared() {
        let mut p = TablePool::new();
        let mut a = p.array(3);
        a[1] = Value::Int(7);
        p.give_array(a);
        let a = p.array(3);
        assert_eq!(a.len(), 3);
        assert!(a.iter().all(|v| v.is_nil()));
        let n = p.nodes(4);
        assert_eq!(n.len(), 4);
        p.give_nodes(n);
        assert_eq!(p.nodes(4).len(), 4);
        // big parts are not kept
        p.give_array(vec![Value::Int(1); 100].into_boxed_slice());
        assert_eq!(p.array(100).len(), 100);
        assert!(p.array(100).iter().all(|v| v.is_nil()));
    }

    #[test]
    fn the_budget_bounds_what_is_held() {
        let mut p = TablePool::new();
        p.set_budget(0);
        for _ in 0..100_000 {
            p.give_array(vec![Value::Nil; 8].into_boxed_slice());
        }
        assert!(p.held <= MIN_BUDGET);
        assert_eq!(p.held, p.arrays[7].len() * array_bytes(8));
        let before = p.held;
        let _ = p.array(8);
        assert_eq!(p.held, before - array_bytes(8));
        p.set_budget(0);
        p.budget = 0;
        p.set_budget(0);
        assert!(p.held <= MIN_BUDGET);
    }

    #[test]
    fn tables_are_reused_empty() {
        let mut p = TablePool::new();
        let t = p.boxed(Table::new(2, 2));
        p.give_table(t);
        let t = p.boxed(Table::new(0, 0));
        assert_eq!(t.array_len(), 0);
    }
}
