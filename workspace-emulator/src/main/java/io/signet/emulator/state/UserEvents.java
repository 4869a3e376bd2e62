package io.signet.emulator.state;

import java.util.function.Consumer;

/** Where user changes go: the watch channels, which turn them into Directory notifications. */
final class UserEvents {

  private volatile Consumer<UserEvent> listener = event -> {};

  void listen(Consumer<UserEvent> listener) {
    this.listener = listener;
  }

  void fire(EmulatedUser user, UserEvent.Kind kind) {
    listener.accept(new UserEvent(user.customerId(), user, kind));
  }
}
