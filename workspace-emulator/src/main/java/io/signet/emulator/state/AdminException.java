package io.signet.emulator.state;

/** A refused admin request: the state is unchanged, the status and message say why. */
public class AdminException extends RuntimeException {

  private final int status;

  public AdminException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static AdminException badRequest(String message) {
    return new AdminException(400, message);
  }

  public static AdminException notFound(String message) {
    return new AdminException(404, message);
  }

  public static AdminException conflict(String message) {
    return new AdminException(409, message);
  }
}
