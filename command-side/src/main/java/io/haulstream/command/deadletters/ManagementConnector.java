package io.haulstream.command.deadletters;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A second Tomcat connector for the operators' fleet endpoints (dead letters, fleet system
 * bindings: everything under {@code /fleet/}), on loopback by default: they replay records into the
 * fleet topic and say what a fleet system may touch, which is for operators, not for the API's clients.
 * The endpoints answer 404 on the API's port, and the API answers 404 on this one. Actuator stays
 * on the API port, where the scripts, the benchmark and the end-to-end tests read it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ManagementConnector extends OncePerRequestFilter
        implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final String PATH = "/fleet/dead-letters";

    /** Every operators' fleet endpoint lives under it, whichever package serves it. */
    private static final String MANAGEMENT_PATHS = "/fleet/";

    private final Connector connector = new Connector();

    ManagementConnector(DeadLetterProperties properties) {
        connector.setPort(properties.managementPort());
        connector.setProperty("address", properties.managementAddress());
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addAdditionalTomcatConnectors(connector);
    }

    /** The port it listens on, once the server has started (the one chosen when configured as 0). */
    int port() {
        return connector.getLocalPort();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean managementPort = request.getLocalPort() == port();
        boolean monitoringPath = request.getRequestURI().startsWith(MANAGEMENT_PATHS);
        if (managementPort != monitoringPath) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }
}
