package dev.signoff.server.store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers lookups on the hot paths (a player's range requests, the listening page's polls) for
 * one second, so a burst of requests costs one query instead of one each. A change that makes a
 * remembered row wrong empties the caches of every instance ({@link CacheInvalidation}); any other
 * change shows within {@link #TTL_NANOS}. Bounded: past {@link #MAX_ENTRIES} it starts afresh.
 */
public final class BriefCache<K, V> {
    static final long TTL_NANOS = 1_000_000_000L;
    static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(Optional<V> value, long expires) {}

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public Optional<V> get(K key, Function<K, Optional<V>> load) {
        long now = System.nanoTime();
        Entry<V> e = entries.get(key);
        if (e != null && now - e.expires() < 0) return e.value();
        Optional<V> value = load.apply(key);
        if (entries.size() >= MAX_ENTRIES) entries.clear();
        entries.put(key, new Entry<>(value, now + TTL_NANOS));
        return value;
    }

    /** The remembered value, or null when there is none (or it is too old). */
    public V peek(K key) {
        Entry<V> e = entries.get(key);
        return e != null && System.nanoTime() - e.expires() < 0 ? e.value().orElse(null) : null;
    }

    public void put(K key, V value) {
        if (entries.size() >= MAX_ENTRIES) entries.clear();
        entries.put(key, new Entry<>(Optional.of(value), System.nanoTime() + TTL_NANOS));
    }

    public void forget(K key) { entries.remove(key); }

    public void forgetAll() { entries.clear(); }
}
