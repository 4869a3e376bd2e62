package io.signet.emulator.state;

/** One Gmail sendAs address of a user, with its signature as Gmail stored it. */
public final class SendAs {

  String sendAsEmail;
  String displayName;
  String replyToAddress;
  String signature = "";
  boolean isPrimary;
  boolean isDefault;
  boolean treatAsAlias;
  String verificationStatus;

  SendAs(String sendAsEmail) {
    this.sendAsEmail = sendAsEmail;
  }

  SendAs copy() {
    SendAs copy = new SendAs(sendAsEmail);
    copy.displayName = displayName;
    copy.replyToAddress = replyToAddress;
    copy.signature = signature;
    copy.isPrimary = isPrimary;
    copy.isDefault = isDefault;
    copy.treatAsAlias = treatAsAlias;
    copy.verificationStatus = verificationStatus;
    return copy;
  }

  public String sendAsEmail() {
    return sendAsEmail;
  }

  public String displayName() {
    return displayName;
  }

  public String replyToAddress() {
    return replyToAddress;
  }

  public String signature() {
    return signature;
  }

  public boolean isPrimary() {
    return isPrimary;
  }

  public boolean isDefault() {
    return isDefault;
  }

  public boolean treatAsAlias() {
    return treatAsAlias;
  }

  public String verificationStatus() {
    return verificationStatus;
  }
}
