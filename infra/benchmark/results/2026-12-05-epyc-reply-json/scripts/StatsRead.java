import java.sql.*;
import java.util.*;

/** The statistics read-back of one batch, as StatisticsReader.entries did it before 6f48a1b and as it does now. */
public class StatsRead {
  static final String VERSIONS = "select key, version from read_model.statistics_versions where key = any(?)";
  static final String COUNTS = "select scope, dimension, value, count from read_model.%s where scope = any(?) and count <> 0";
  static final String DAYS = "select d.scope, d.day, d.serviced, d.missed, d.exceptions from read_model.bin_service_daily d"
      + " join unnest(?::text[], ?::date[]) as k(scope, day) on d.scope = k.scope and d.day = k.day";
  static final String ONE = "select 'version' as part, key as scope, null as dimension, null as value,"
      + " version as count, null::date as day, 0::bigint as missed, 0::bigint as exceptions"
      + " from read_model.statistics_versions where key = any(?)"
      + " union all select 'routes', scope, dimension, value, count, null, 0, 0"
      + " from read_model.route_statistics where scope = any(?) and count <> 0"
      + " union all select 'bins', scope, dimension, value, count, null, 0, 0"
      + " from read_model.bin_statistics where scope = any(?) and count <> 0"
      + " union all select 'day', d.scope, null, null, d.serviced, d.day, d.missed, d.exceptions"
      + " from read_model.bin_service_daily d"
      + " join unnest(?::text[], ?::date[]) as k(scope, day) on d.scope = k.scope and d.day = k.day";

  public static void main(String[] a) throws Exception {
    Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/haulstream_query", "postgres", "");
    List<String> scopes = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery("select distinct scope from read_model.bin_statistics order by 1 limit 3")) { while (rs.next()) scopes.add(rs.getString(1)); }
    String day;
    try (ResultSet rs = c.createStatement().executeQuery("select max(day)::text from read_model.bin_service_daily")) { rs.next(); day = rs.getString(1); }
    List<String> keys = new ArrayList<>(); List<String> dayScopes = new ArrayList<>(); List<String> days = new ArrayList<>();
    for (String s : scopes) { keys.add("routes:" + s); keys.add("bins:" + s); keys.add("bins:" + s + ":" + day); dayScopes.add(s); days.add(day); }
    String[] k = keys.toArray(String[]::new), sc = scopes.toArray(String[]::new), ds = dayScopes.toArray(String[]::new), dd = days.toArray(String[]::new);
    int backend; try (ResultSet rs = c.createStatement().executeQuery("select pg_backend_pid()")) { rs.next(); backend = rs.getInt(1); }
    for (int round = 0; round < 4; round++) {
      for (String way : List.of("before", "after")) {
        long cpu0 = ticks(backend), t0 = System.nanoTime(); int rows = 0;
        for (int i = 0; i < 2000; i++) rows += way.equals("before") ? before(c, k, sc, ds, dd) : after(c, k, sc, ds, dd);
        long t = System.nanoTime() - t0, cpu = ticks(backend) - cpu0;
        if (round > 0) System.out.printf("%s: %.3f ms per read-back (wall), PostgreSQL backend %.3f ms, %d rows each%n", way, t / 2000 / 1e6, cpu * 10.0 / 2000, rows / 2000);
      }
    }
  }
  static long ticks(int pid) throws Exception { String[] f = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/" + pid + "/stat"))).split(" "); return Long.parseLong(f[13]) + Long.parseLong(f[14]); }
  static int before(Connection c, String[] k, String[] sc, String[] ds, String[] dd) throws SQLException {
    // What Spring's DataSourceTransactionManager does around @Transactional(readOnly = true, isolation = REPEATABLE_READ)
    c.setReadOnly(true); c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); c.setAutoCommit(false);
    int rows = rows(c, VERSIONS, (Object) k) + rows(c, String.format(COUNTS, "route_statistics"), (Object) sc) + rows(c, String.format(COUNTS, "bin_statistics"), (Object) sc) + rows(c, DAYS, ds, dd);
    c.commit(); c.setAutoCommit(true); c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED); c.setReadOnly(false);
    return rows;
  }
  static int after(Connection c, String[] k, String[] sc, String[] ds, String[] dd) throws SQLException { return rows(c, ONE, k, sc, sc, ds, dd); }
  static int rows(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) { for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]); int n = 0; try (ResultSet rs = p.executeQuery()) { while (rs.next()) n++; } return n; }
  }
}
