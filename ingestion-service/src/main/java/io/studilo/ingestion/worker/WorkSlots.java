package io.studilo.ingestion.worker;

import io.studilo.ingestion.extract.DocumentTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lets short documents overlap (one is read while another is embedded or committed) but runs a long one alone,
 * so a 500-page PDF has the heap to itself whatever the worker concurrency. Fair: a waiting long document is
 * not overtaken by short ones that arrive after it.
 */
final class WorkSlots {

    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
    private final int exclusivePages;

    WorkSlots(int exclusivePages) {
        this.exclusivePages = exclusivePages;
    }

    /** Waits (until the deadline) for room for a document of {@code pages}; unlock the result when done. */
    Lock enter(int pages, Instant deadline) {
        Lock lock = pages > exclusivePages ? gate.writeLock() : gate.readLock();
        try {
            long wait = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            if (!lock.tryLock(wait, TimeUnit.MILLISECONDS)) {
                throw new DocumentTimeoutException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DocumentTimeoutException();
        }
        return lock;
    }
}
