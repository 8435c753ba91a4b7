package dev.signoff.server.notify;

import dev.signoff.server.BackgroundService;
import dev.signoff.server.notify.MailOutbox.Claimed;
import dev.signoff.server.notify.NotificationMail.Mail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends the outbox's due emails through the SMTP server, on its own thread: a slow or unreachable
 * mail server delays only the emails, never a request. Each email is claimed before sending, so
 * instances sharing one database send it once.
 */
public final class MailSender implements BackgroundService {
    private static final Logger LOG = LoggerFactory.getLogger(MailSender.class);
    static final Duration POLL = Duration.ofSeconds(1);
    private static final String CONNECT_TIMEOUT_MS = "10000";
    private static final String IO_TIMEOUT_MS = "30000";
    private static final String EHLO_NAME = "signoff.localhost";

    private final Jdbi jdbi;
    private final Clock clock;
    private final MailSettings mail;
    private final MailOutbox outbox;
    private final NotificationSettings settings;
    private final NotificationMail composer = new NotificationMail(ZoneId.systemDefault());
    private final Session session;
    private final Object wake = new Object();
    private volatile boolean running;
    private Thread thread;

    public MailSender(Jdbi jdbi, Clock clock, MailSettings mail) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.mail = mail;
        this.outbox = new MailOutbox(jdbi, clock);
        this.settings = new NotificationSettings(jdbi);
        this.session = Session.getInstance(properties(mail.smtp()));
    }

    static Properties properties(SmtpServer smtp) {
        String p = smtp.tls() ? "smtps" : "smtp";
        Properties props = new Properties();
        props.put("mail.transport.protocol", p);
        props.put("mail." + p + ".host", smtp.host());
        props.put("mail." + p + ".port", String.valueOf(smtp.port()));
        props.put("mail." + p + ".auth", String.valueOf(smtp.user() != null));
        props.put("mail." + p + ".connectiontimeout", CONNECT_TIMEOUT_MS);
        props.put("mail." + p + ".timeout", IO_TIMEOUT_MS);
        props.put("mail." + p + ".writetimeout", IO_TIMEOUT_MS);
        // The name said in EHLO. Left unset, Jakarta Mail looks up this machine's canonical name, which
        // can take many seconds where reverse DNS does not answer; submission servers accept any name.
        props.put("mail." + p + ".localhost", EHLO_NAME);
        if (smtp.tls()) props.put("mail.smtps.ssl.checkserveridentity", "true");
        else props.put("mail.smtp.starttls.enable", "true");
        return props;
    }

    @Override public void start() {
        running = true;
        thread = new Thread(this::run, "signoff-mail");
        thread.setDaemon(true);
        thread.start();
    }

    /** Looks for due emails now rather than at the next poll. */
    public void wake() {
        synchronized (wake) { wake.notifyAll(); }
    }

    private void run() {
        while (running) {
            boolean worked = false;
            try {
                worked = sendOneDue();
            } catch (RuntimeException e) {
                LOG.warn("the mail outbox could not be read; trying again shortly", e);
            }
            if (!worked) {
                synchronized (wake) {
                    try {
                        wake.wait(POLL.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Sends the next due email, if any; true when there was one (sent or not). */
    boolean sendOneDue() {
        Optional<Claimed> next = outbox.claimNext();
        if (next.isEmpty()) return false;
        Claimed c = next.get();
        try {
            NotificationSettings.Choice choice = settings.get();
            String to = choice.email() != null ? choice.email() : mail.notifyTo();
            if (to == null) throw new MessagingException("no address to send notifications to (set one in the settings or with --notify-to)");
            Mail m = jdbi.withHandle(h -> composer.compose(h, c, to, choice.ownerOrigin()));
            send(m);
            outbox.sent(c.id());
        } catch (MessagingException | RuntimeException e) {
            boolean gaveUp = outbox.failed(c, e.getMessage());
            if (gaveUp) LOG.error("gave up on a {} notification after {} attempts: {}", c.kind(), MailOutbox.MAX_ATTEMPTS, e.getMessage());
            else LOG.warn("a {} notification could not be sent through {} (attempt {}); it will be retried: {}", c.kind(), mail.smtp(), c.attempts() + 1, e.getMessage());
        }
        return true;
    }

    private void send(Mail m) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(mail.from()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(m.to()));
        message.setSubject(m.subject(), "UTF-8");
        message.setText(m.body(), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        try (Transport transport = session.getTransport()) {
            transport.connect(mail.smtp().host(), mail.smtp().port(), mail.smtp().user(), mail.smtp().password());
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    @Override public void close() {
        running = false;
        if (thread == null) return;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override public String toString() { return "mail sender (" + mail.smtp() + ")"; }
}
