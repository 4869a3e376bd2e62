package io.signet.push;

import io.quarkus.test.common.QuarkusTestResource;
import io.signet.testing.JwtKeysTestResource;
import io.signet.testing.KafkaTestResource;
import io.signet.testing.PostgresTestResource;
import io.signet.testing.TenantServiceTestResource;
import io.signet.testing.WorkspaceEmulatorTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Real Kafka, real PostgreSQL, the emulator, and the real tenant-service as a process. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(WorkspaceEmulatorTestResource.class)
@QuarkusTestResource(JwtKeysTestResource.class)
@QuarkusTestResource(TenantServiceTestResource.class)
public @interface PushTestResources {}
