package jp.mynaterm.config;

/** The hub: the broker it uses or embeds, its storage, and the secret it derives CardIds with. */
public record HubConfig(
    Role role, String municipality, HubSettings hub, BrokerSettings broker, StorageSettings storage, HttpSettings http, IssuanceSettings issuance,
    RetentionSettings retention, Boolean development, ConsoleSettings console, TaxiBookingSettings taxi, FleetSettings fleet)
    implements RoleConfig {
  /** Without console settings, demand-taxi bookings or fleet thresholds: their defaults. */
  public HubConfig(
      Role role, String municipality, HubSettings hub, BrokerSettings broker, StorageSettings storage, HttpSettings http, IssuanceSettings issuance,
      RetentionSettings retention, Boolean development) {
    this(role, municipality, hub, broker, storage, http, issuance, retention, development, null, null, null);
  }

  /** Without demand-taxi bookings (their rules at their defaults, no vehicles) or fleet thresholds. */
  public HubConfig(
      Role role, String municipality, HubSettings hub, BrokerSettings broker, StorageSettings storage, HttpSettings http, IssuanceSettings issuance,
      RetentionSettings retention, Boolean development, ConsoleSettings console) {
    this(role, municipality, hub, broker, storage, http, issuance, retention, development, console, null, null);
  }

  /** Without fleet thresholds ({@link FleetSettings#DEFAULT}). */
  public HubConfig(
      Role role, String municipality, HubSettings hub, BrokerSettings broker, StorageSettings storage, HttpSettings http, IssuanceSettings issuance,
      RetentionSettings retention, Boolean development, ConsoleSettings console, TaxiBookingSettings taxi) {
    this(role, municipality, hub, broker, storage, http, issuance, retention, development, console, taxi, null);
  }

  public HubConfig {
    development = Check.orDefault(development, Boolean.FALSE);
    if (role != Role.HUB) throw new InvalidValue("role", "must be hub in a hub configuration");
    Check.municipality("municipality", municipality);
    Check.required("hub", hub);
    broker = Check.orDefault(broker, BrokerSettings.DEFAULT);
    storage = Check.orDefault(storage, StorageSettings.DEFAULT).withDefaultUrl(hub.dataDir());
    http = Check.orDefault(http, HttpSettings.DEFAULT_HUB);
    issuance = Check.orDefault(issuance, IssuanceSettings.DEFAULT);
    retention = Check.orDefault(retention, RetentionSettings.DEFAULT);
    console = Check.orDefault(console, ConsoleSettings.DEFAULT);
    taxi = Check.orDefault(taxi, TaxiBookingSettings.DEFAULT);
    fleet = Check.orDefault(fleet, FleetSettings.DEFAULT);
  }
}
