package jp.mynaterm.hub.pki;

import java.util.List;

/**
 * What the PKI remembers besides its key and certificates: the terminals with their certificates, and
 * the enrollments (tokens, and devices' requests staff approve in the console). One JSON file ({@code registry.json}) written whole with AtomicFiles. Kept in files
 * while hub storage is being moved into repositories; to migrate into the hub's database later.
 */
public record PkiState(List<TerminalRecord> terminals, List<Enrollment> enrollments, List<PendingEnrollment> requests) {
  public static final PkiState EMPTY = new PkiState(List.of(), List.of(), List.of());

  public PkiState {
    terminals = terminals == null ? List.of() : List.copyOf(terminals);
    enrollments = enrollments == null ? List.of() : List.copyOf(enrollments);
    requests = requests == null ? List.of() : List.copyOf(requests); // absent in a registry written before requests
  }
}
