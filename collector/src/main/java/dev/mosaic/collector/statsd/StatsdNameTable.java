package dev.mosaic.collector.statsd;

import java.util.Arrays;

/**
 * Remembers, for one receive thread, what each raw name (and tag field) a client sent resolved to,
 * so a name seen before costs one hash of its bytes (eight at a time) and one compare: no decoding,
 * no sanitising, no tag folding, no look-up in the collector-wide series set.
 *
 * <pre>
 * StatsdDatagramParser → StatsdNameTable.get / put → ResolvedName
 * </pre>
 *
 * <p>Open addressing with linear probing over {@code 2 × maxNames} slots (a power of two), keyed by
 * the name's bytes followed by the tag field's bytes, with the name's length kept apart so {@code
 * ab} + {@code ""} and {@code a} + {@code b} differ. Each slot holds the {@link ResolvedName}
 * itself, which carries its key: a hit touches the slot, the entry and its key, three cache lines,
 * which matters once thousands of names no longer fit in the CPU's caches. Bounded: once {@code
 * maxNames} are held, new names are no longer remembered (they are resolved again on every line,
 * which is slower but correct); nothing is ever evicted. Memory is about 100 bytes plus twice the
 * name's length per entry (the raw key, and the resolved {@code String}).
 *
 * <p>Thread safety: none; one table per thread.
 */
final class StatsdNameTable {
  private static final int INITIAL_SLOTS = 1024;

  private final int maxNames;
  private int mask;
  private ResolvedName[] slots;
  private int size;

  /**
   * @param maxNames at least 1
   */
  StatsdNameTable(int maxNames) {
    if (maxNames < 1) {
      throw new IllegalArgumentException("maxNames must be at least 1: " + maxNames);
    }
    this.maxNames = maxNames;
    // grown on demand: a cap sized for the series limit should not cost its memory up front
    this.slots = new ResolvedName[INITIAL_SLOTS];
    this.mask = INITIAL_SLOTS - 1;
  }

  /** Names held; at most {@code maxNames}. */
  int size() {
    return size;
  }

  /**
   * The hash of {@code name[nameStart, nameEnd)} followed by {@code tags[tagStart, tagEnd)}, eight
   * bytes per step ({@link WordScan#hash}).
   */
  static int hash(byte[] name, int nameStart, int nameEnd, byte[] tags, int tagStart, int tagEnd) {
    long h = WordScan.hash(0, name, nameStart, nameEnd);
    return WordScan.finish(WordScan.hash(h, tags, tagStart, tagEnd));
  }

  /** What the key resolved to, or null if it is not held. */
  ResolvedName get(
      int hash, byte[] name, int nameStart, int nameEnd, byte[] tags, int tagStart, int tagEnd) {
    int nameLength = nameEnd - nameStart;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      ResolvedName entry = slots[slot];
      if (entry == null) {
        return null;
      }
      byte[] key = entry.key;
      if (entry.hash == hash
          && entry.nameLength == nameLength
          && key.length == nameLength + tagEnd - tagStart
          && Arrays.equals(key, 0, nameLength, name, nameStart, nameEnd)
          && Arrays.equals(key, nameLength, key.length, tags, tagStart, tagEnd)) {
        return entry;
      }
    }
  }

  /**
   * Resolves a key that {@link #get} did not find to {@code name}, and remembers it unless the
   * table is full.
   *
   * @param name the sample name, or null if the name sanitised to nothing
   */
  ResolvedName put(
      int hash,
      byte[] name,
      int nameStart,
      int nameEnd,
      byte[] tags,
      int tagStart,
      int tagEnd,
      String resolved,
      boolean tagsIgnored) {
    if (size >= maxNames) {
      return new ResolvedName(resolved, tagsIgnored, null, 0, 0);
    }
    int nameLength = nameEnd - nameStart;
    byte[] key = new byte[nameLength + tagEnd - tagStart];
    System.arraycopy(name, nameStart, key, 0, nameLength);
    System.arraycopy(tags, tagStart, key, nameLength, tagEnd - tagStart);
    ResolvedName entry = new ResolvedName(resolved, tagsIgnored, key, nameLength, hash);
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    insert(entry);
    size++;
    return entry;
  }

  /** Doubles the slots, keeping the load at most one half so that probe runs stay short. */
  private void grow() {
    ResolvedName[] old = slots;
    slots = new ResolvedName[old.length * 2];
    mask = slots.length - 1;
    for (ResolvedName entry : old) {
      if (entry != null) {
        insert(entry);
      }
    }
  }

  private void insert(ResolvedName entry) {
    int slot = entry.hash & mask;
    while (slots[slot] != null) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = entry;
  }
}
