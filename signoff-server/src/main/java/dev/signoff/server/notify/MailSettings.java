package dev.signoff.server.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * How this instance sends notifications: through {@code smtp}, to {@code notifyTo} unless the owner
 * chose an address in their settings. {@code from} is the sender's address (by default the SMTP user
 * when it is an address, else signoff@ the mail server's host).
 */
public record MailSettings(SmtpServer smtp, String notifyTo, String from) {

    public MailSettings {
        if (smtp == null) throw new IllegalArgumentException("notifications need an SMTP server (--smtp)");
        if (notifyTo != null) notifyTo = address(notifyTo, "--notify-to");
        from = from != null ? address(from, "--mail-from")
                : smtp.user() != null && smtp.user().contains("@") ? smtp.user() : "signoff@" + smtp.host();
    }

    /** From {@code --smtp URL} and {@code --notify-to ADDRESS} (null when not given), with the default sender. */
    public static MailSettings of(String smtpUrl, String notifyTo) {
        return new MailSettings(SmtpServer.parse(smtpUrl), notifyTo, null);
    }

    /** {@code value} as one plain email address; a clear message naming {@code what} otherwise. */
    public static String address(String value, String what) {
        try {
            InternetAddress a = new InternetAddress(value.strip(), true);
            if (a.getPersonal() != null || a.isGroup()) throw new AddressException();
            return a.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException(what + " is not an email address like engineer@example.com");
        }
    }
}
