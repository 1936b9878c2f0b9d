//! An allocator counted: the display screen's (`allocator!(counted)` in its binary) keeps count
//! of the bytes it has handed out and not taken back. A screen runs for weeks, and its bench
//! (bench/screen-soak) reads the count through the screen binary's `held_bytes` export: a slow
//! leak shows there first, and exactly — the wasm memory grows by 64 KiB pages and never
//! shrinks. Two counter updates per allocation are all it costs.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

static HELD: AtomicUsize = AtomicUsize::new(0);

/// The bytes the program holds on its heap now (the sizes asked for, not the allocator's own).
pub fn held_bytes() -> usize {
    HELD.load(Ordering::Relaxed)
}

/// An allocator that counts what passes through it to `A`.
pub struct Counting<A>(pub A);

// SAFETY: every call goes on to `A` with the same arguments and its answer comes back as it
// was; the count is only a figure.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { self.0.alloc(layout) };
        if !block.is_null() {
            HELD.fetch_add(layout.size(), Ordering::Relaxed);
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { self.0.alloc_zeroed(layout) };
        if !block.is_null() {
            HELD.fetch_add(layout.size(), Ordering::Relaxed);
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        unsafe { self.0.dealloc(block, layout) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        let moved = unsafe { self.0.realloc(block, layout, size) };
        if !moved.is_null() {
            HELD.fetch_sub(layout.size(), Ordering::Relaxed);
            HELD.fetch_add(size, Ordering::Relaxed);
        }
        moved
    }
}
