// Creates the database that DATABASE_URL names when it does not exist yet, so that
// scripts/local-cluster.sh needs no psql: only the JDK the nodes run on and the built jar, whose
// PostgreSQL JDBC driver and URL parser it borrows (the nodes read DATABASE_URL with the same one).
//   java -cp target/products-api.jar scripts/EnsureDatabase.java postgresql://postgres@127.0.0.1:5432/products_cluster
// Prints one line and exits 0 when the database is there, 1 when the server cannot be reached or
// refuses, 2 on a bad URL.

import dev.products.platform.config.ConfigException;
import dev.products.platform.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

public final class EnsureDatabase {

  public static void main(String[] args) {
    DatabaseUrl target;
    try {
      target = DatabaseUrl.parse("DATABASE_URL", args[0]);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (!target.database().matches("[A-Za-z_][A-Za-z0-9_]*")) {
      // it is spliced into CREATE DATABASE, which takes no bind parameters
      System.err.println(
          "DATABASE_URL: the database name must be letters, digits and _, got " + target.database());
      System.exit(2);
    }
    // The maintenance database of the same server, as the same user.
    DatabaseUrl server =
        new DatabaseUrl(
            target.host(), target.port(), "postgres", target.user(), target.password(),
            target.sslMode());
    Properties properties = new Properties();
    properties.setProperty("user", server.user());
    if (server.password() != null) {
      properties.setProperty("password", server.password());
    }
    properties.setProperty("connectTimeout", "5");
    try (Connection connection = new org.postgresql.Driver().connect(server.jdbcUrl(), properties)) {
      if (exists(connection, target.database())) {
        System.out.println("database " + target.database() + " is there");
      } else {
        try (Statement create = connection.createStatement()) {
          create.execute("CREATE DATABASE \"" + target.database() + "\"");
        }
        System.out.println("database " + target.database() + " created");
      }
    } catch (SQLException e) {
      System.err.println(
          "PostgreSQL at "
              + target.host()
              + ":"
              + target.port()
              + " (user "
              + target.user()
              + ") cannot be used: "
              + e.getMessage());
      System.exit(1);
    }
  }

  private static boolean exists(Connection connection, String database) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, database);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
