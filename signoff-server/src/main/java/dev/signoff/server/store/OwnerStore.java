package dev.signoff.server.store;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Optional;

/**
 * The single owner (the engineer). Until a password is set, each start issues a fresh setup token
 * (printed on the server's console) that lets whoever holds it choose the password once.
 */
public final class OwnerStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public OwnerStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public boolean hasPassword() {
        return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM owner_account WHERE id = 1")
                .mapTo(String.class).findOne().isPresent());
    }

    /** A new setup token when no password is set yet (the previous one stops working); empty otherwise. */
    public Optional<String> issueSetupToken() {
        if (hasPassword()) return Optional.empty();
        String token = Ids.token();
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE owner_account SET setup_token_hash = :t WHERE id = 1")
                    .bind("t", Ids.sha256(token)).execute();
            if (updated == 0)
                h.createUpdate("INSERT INTO owner_account (id, setup_token_hash, created_at) VALUES (1, :t, :now)")
                        .bind("t", Ids.sha256(token)).bind("now", clock.millis()).execute();
        });
        return Optional.of(token);
    }

    /** Sets the first password if {@code setupToken} is the current one; false otherwise. */
    public boolean completeSetup(String setupToken, String password) {
        if (setupToken == null) return false;
        String hash = Passwords.hash(password);
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE owner_account SET password_hash = :p, setup_token_hash = NULL WHERE id = 1 AND password_hash IS NULL AND setup_token_hash = :t")
                .bind("p", hash).bind("t", Ids.sha256(setupToken.trim())).execute()) == 1;
    }

    public boolean passwordMatches(String password) {
        String stored = jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM owner_account WHERE id = 1")
                .mapTo(String.class).findOne().orElse(null));
        return Passwords.matches(password, stored);
    }

    /** Sets a new password and ends every owner session in the same transaction: old cookies stop working. */
    public void changePassword(String password) {
        String hash = Passwords.hash(password);
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE owner_account SET password_hash = :p WHERE id = 1").bind("p", hash).execute();
            h.createUpdate("DELETE FROM sessions WHERE kind = 'owner'").execute();
        });
    }
}
