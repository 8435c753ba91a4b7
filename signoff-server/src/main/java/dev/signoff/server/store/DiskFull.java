package dev.signoff.server.store;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;

/**
 * Recognises a full disk behind a failure, wherever it surfaced: SQLite's SQLITE_FULL, PostgreSQL's
 * {@code disk_full} (SQLSTATE 53100), or a file write's "No space left on device" (or a used-up disk
 * quota). The server answers those with 507 and one plain message instead of a generic 500: nothing
 * new can be stored, while everything already stored can still be read.
 */
public final class DiskFull {
    public static final String MESSAGE = "the server's disk is full; nothing new can be saved until space is freed on it";
    private static final String POSTGRES_DISK_FULL = "53100";

    private DiskFull() {}

    public static boolean causedBy(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_FULL) return true;
            if (e instanceof SQLException s && POSTGRES_DISK_FULL.equals(s.getSQLState())) return true;
            if (e instanceof IOException && noSpace(e instanceof FileSystemException f ? f.getReason() : e.getMessage())) return true;
        }
        return false;
    }

    private static boolean noSpace(String message) {
        return message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"));
    }
}
