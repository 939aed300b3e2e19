package jp.mynaterm.agent.counter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.protocol.staff.StaffPassword;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * Staff accounts for page tests that run without a hub: a JSON file ({@code staff-accounts.json}: user,
 * roles, password hash, disabled), read at each sign-in. Terminals themselves take their accounts from
 * the hub's staff list ({@link HubStaffAccounts}).
 */
public final class StaffAccountsFile implements StaffSignIn.Accounts {
  public static final String NAME = "staff-accounts.json";
  private static final ObjectMapper JSON = jp.mynaterm.protocol.codec.MessageCodec.mapper();
  private final Path file;

  public StaffAccountsFile(Path file) {
    this.file = file;
  }

  /** The accounts file in a terminal's data folder. */
  public static StaffAccountsFile in(Path dataDir) {
    return new StaffAccountsFile(dataDir.resolve(NAME));
  }

  @Override
  public Optional<StaffSignIn.Account> find(String userId) {
    for (JsonNode a : read().path("accounts")) {
      if (!a.path("user").asText().equals(userId)) continue;
      Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
      a.path("roles").forEach(r -> StaffRole.ofWire(r.asText()).ifPresent(roles::add));
      return Optional.of(new StaffSignIn.Account(userId, roles, a.path("hash").asText(), a.path("disabled").asBoolean(false)));
    }
    return Optional.empty();
  }

  /** Adds or replaces one account (the password is hashed here and not kept). */
  public synchronized void put(String userId, Set<StaffRole> roles, CharSequence password) {
    ObjectNode all = read();
    ArrayNode accounts = all.withArray("accounts");
    for (int i = accounts.size() - 1; i >= 0; i--) if (accounts.get(i).path("user").asText().equals(userId)) accounts.remove(i);
    ObjectNode a = accounts.addObject();
    a.put("user", userId);
    roles.forEach(r -> a.withArray("roles").add(r.wire()));
    a.put("hash", StaffPassword.hash(password));
    a.put("disabled", false);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "staff", ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode read() {
    if (!Files.exists(file)) return JSON.createObjectNode();
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (n instanceof ObjectNode o) return o;
      throw new IllegalStateException(file + " is not a JSON object");
    } catch (IOException e) {
      throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
    }
  }
}
