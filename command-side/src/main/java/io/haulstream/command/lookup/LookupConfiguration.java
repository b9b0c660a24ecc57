package io.haulstream.command.lookup;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LookupConfiguration {

    /**
     * A lookup that cannot be written must fail the command that caused it. Axon's default for
     * event handlers logs the failure and goes on; here that left the command's transaction
     * aborted in PostgreSQL, so the commit silently rolled back while the client was told 201
     * Created for a bin that was never stored (two placements racing for one tag).
     */
    @Autowired
    void propagateLookupFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(
                LookupProjector.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
