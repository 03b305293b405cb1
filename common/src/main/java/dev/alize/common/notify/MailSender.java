package dev.alize.common.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * Writes a plain-text UTF-8 e-mail to every configured recipient, through an SMTP server with
 * optional STARTTLS and authentication, and bounded waits so that a dead server cannot hold the
 * sender.
 */
public final class MailSender {

  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final MailTarget settings;
  private final Session session;

  public MailSender(MailTarget settings) {
    this.settings = settings;
    String timeout = Long.toString(TIMEOUT.toMillis());
    Properties p = new Properties();
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", settings.smtpHost());
    p.setProperty("mail.smtp.port", Integer.toString(settings.smtpPort()));
    p.setProperty("mail.smtp.connectiontimeout", timeout);
    p.setProperty("mail.smtp.timeout", timeout);
    p.setProperty("mail.smtp.writetimeout", timeout);
    p.setProperty("mail.smtp.auth", Boolean.toString(settings.username() != null));
    if (settings.starttls()) {
      p.setProperty("mail.smtp.starttls.enable", "true");
      p.setProperty("mail.smtp.starttls.required", "true");
      p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    }
    this.session = Session.getInstance(p);
  }

  /**
   * Sends one e-mail.
   *
   * @param deliveryId the same on every retry of one notification, in a header
   * @throws DeliveryException when the server cannot be reached or refuses the message
   */
  public void send(String subject, String text, String deliveryId) throws DeliveryException {
    try {
      MimeMessage message = new MimeMessage(session);
      InternetAddress from = new InternetAddress(settings.from(), true);
      // A display name such as "Alizé" must be encoded, not sent as raw 8-bit bytes.
      if (from.getPersonal() != null) {
        from.setPersonal(from.getPersonal(), StandardCharsets.UTF_8.name());
      }
      message.setFrom(from);
      InternetAddress[] to = new InternetAddress[settings.to().size()];
      for (int i = 0; i < to.length; i++) {
        to[i] = new InternetAddress(settings.to().get(i), true);
      }
      message.setRecipients(Message.RecipientType.TO, to);
      message.setSubject(subject, StandardCharsets.UTF_8.name());
      message.setText(text, StandardCharsets.UTF_8.name());
      message.setSentDate(new Date());
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setHeader(WebhookSender.DELIVERY_HEADER, deliveryId);
      message.saveChanges();
      if (settings.username() != null) {
        Transport.send(message, settings.username(), settings.password());
      } else {
        Transport.send(message);
      }
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is required by the Java platform", e);
    } catch (MessagingException e) {
      throw new DeliveryException(
          "e-mail through " + settings.smtpHost() + ":" + settings.smtpPort() + ": " + describe(e),
          e);
    }
  }

  private static String describe(MessagingException e) {
    StringBuilder s = new StringBuilder();
    Throwable t = e;
    while (t != null && s.length() < 500) {
      String message = t.getMessage();
      if (message != null && !message.isBlank() && s.indexOf(message.strip()) < 0) {
        if (s.length() > 0) {
          s.append(": ");
        }
        s.append(message.strip().replaceAll("\\s+", " "));
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return s.length() == 0 ? e.getClass().getSimpleName() : s.toString();
  }
}
